package com.example.imoc.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A generation number that moves on whenever data shown on a page or in a feed may have
 * changed, on this node or on any other node of the same database. Caches (calendar
 * feeds, pages) keep what they computed with the generation they started from, and serve
 * it only while the generation is unchanged.
 * <p>
 * How it learns of changes: migration V9 puts a statement trigger on every shown table
 * that sends {@code NOTIFY imoc_data_changed}; PostgreSQL delivers it to every listening
 * node when the writing transaction commits. A dedicated connection per node listens. The
 * node that commits also moves the generation on itself, right after the commit and
 * before its response leaves ({@link ChangeAwareTransactionManager}), so a user never
 * sees their own change missing; another node sees it once the notification arrives
 * (about a millisecond on one machine). While the listening connection is down (database
 * restart), {@link #stamp()} refuses to hand out stamps, so every cache is bypassed
 * rather than trusted blindly; reconnecting moves the generation on.
 * <p>
 * Each cache declares the tables it reads ({@link CacheDependencies}, one bean next to
 * the cache); every one of them must carry the trigger, which
 * {@code CacheDependenciesTests} checks. The whole mechanism, for a newcomer:
 * docs/ARCHITECTURE.md, "Caches and data changes".
 */
@Component
public class DataChanges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DataChanges.class);

	/**
	 * The channel the trigger notifies; see migrations/V9__data_change_notifications.sql.
	 */
	static final String CHANNEL = "imoc_data_changed";

	/**
	 * The channel sessions notify on when one changes (see
	 * migrations/V21__session_change_notifications.sql): a generation of its own, so that
	 * sign-ins do not empty the page caches, nor a page's data the session caches.
	 */
	static final String SESSION_CHANNEL = "imoc_session_changed";

	/** The listening connection's name in pg_stat_activity. */
	public static final String APPLICATION_NAME = "imoc-data-changes";

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final DataSource dataSource;

	private final AtomicLong generation = new AtomicLong();

	private final AtomicLong sessionGeneration = new AtomicLong();

	private volatile boolean listening;

	private volatile boolean running;

	private volatile Thread listener;

	DataChanges(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * The generation to store beside something computed from the database now, or -1 when
	 * changes could currently go unnoticed (the listener is not connected): then nothing
	 * may be cached. Take the stamp <em>before</em> reading.
	 */
	public long stamp() {
		return this.listening ? this.generation.get() : -1;
	}

	/**
	 * Whether something stamped {@code stamp} may still be served: no change anywhere
	 * since, and we are listening.
	 */
	public boolean isCurrent(long stamp) {
		return stamp >= 0 && this.listening && this.generation.get() == stamp;
	}

	private final AtomicLong committed = new AtomicLong();

	/**
	 * A change committed on this node (or by any means that did not notify): everything
	 * cached is now stale.
	 */
	public void changed() {
		this.committed.incrementAndGet();
		this.generation.incrementAndGet();
	}

	/**
	 * The session generation to store beside a session read from the database now, or -1
	 * while changes could go unnoticed. Take it before reading.
	 */
	public long sessionStamp() {
		return this.listening ? this.sessionGeneration.get() : -1;
	}

	/**
	 * Whether a session read at {@code stamp} may still be served: no session changed
	 * anywhere since, and we are listening.
	 */
	public boolean isSessionCurrent(long stamp) {
		return stamp >= 0 && this.listening && this.sessionGeneration.get() == stamp;
	}

	/** A session was written on this node: every session kept in memory is stale. */
	public void sessionsChanged() {
		this.sessionGeneration.incrementAndGet();
	}

	/** How many commits of this node have changed shown data (for tests and metrics). */
	public long committedChanges() {
		return this.committed.get();
	}

	/** Whether the listening connection is up (for tests and health). */
	public boolean isListening() {
		return this.listening;
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::listen, "imoc-data-changes");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.listening = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		boolean warned = false;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				PGConnection postgres = connection.unwrap(PGConnection.class);
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
					statement.execute("LISTEN " + CHANNEL);
					statement.execute("LISTEN " + SESSION_CHANNEL);
				}
				// Whatever happened while nobody listened is unknown: start a new
				// generation, then trust stamps again.
				this.generation.incrementAndGet();
				this.sessionGeneration.incrementAndGet();
				this.listening = true;
				if (warned) {
					log.info("Listening for data changes again; caches are back in use");
					warned = false;
				}
				long checked = System.nanoTime();
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
					if (notifications != null) {
						boolean data = false;
						boolean sessions = false;
						for (PGNotification notification : notifications) {
							data |= CHANNEL.equals(notification.getName());
							sessions |= SESSION_CHANNEL.equals(notification.getName());
						}
						if (data) {
							this.generation.incrementAndGet();
						}
						if (sessions) {
							this.sessionGeneration.incrementAndGet();
						}
					}
					if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
						// A half-open connection would block quietly; a query notices it.
						try (Statement statement = connection.createStatement()) {
							statement.execute("SELECT 1");
						}
						checked = System.nanoTime();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				this.listening = false;
				this.generation.incrementAndGet();
				this.sessionGeneration.incrementAndGet();
				if (!this.running) {
					return;
				}
				if (!warned) {
					log.warn("Not listening for data changes ({}); caches are bypassed until the database is back",
							ex.getMessage());
					warned = true;
				}
				try {
					Thread.sleep(RETRY_AFTER.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		this.listening = false;
	}

}
