package com.example.imoc.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.database.Throttles;

/**
 * Slows down guessing feed URLs. A secret has 256 random bits, so a guess never hits;
 * what guessing does cause is load on the busiest route and noise. After
 * {@code imoc.calendar.guess-limit} requests for feeds that do not exist (404) within
 * {@code guess-window} from one client address, requests from that address for feeds that
 * do not exist get 429 with Retry-After until {@code guess-lockout} has passed. A valid
 * secret is always served, and a revoked or rotated one always answers 410 Gone and never
 * counts: Google Calendar and Outlook fetch everyone's feeds from a few shared addresses,
 * so old URLs polled by them, or a guesser behind the same address, must not cut anyone's
 * valid feed off. Each lock is audited once.
 * <p>
 * An interceptor on the feed routes rather than a servlet filter, because Spring MVC
 * matches the decoded path: a request for {@code /%69cal/….ics} reaches the feeds, so it
 * must count here too. The feed controller asks {@link #refusal} before answering 404.
 * Misses are counted in PostgreSQL ({@link Throttles}, one upsert per miss), so every
 * node counts into the same counter and a restart forgets nothing; locks are read from
 * memory (the node that counts the locking miss knows at once, another node learns it
 * with its next miss from that address), so a valid poll costs no extra query: n nodes
 * give a guesser the allowance plus at most one guess per other node, not n times the
 * allowance. The address is the connection's, or {@code X-Forwarded-For} from a trusted
 * proxy only ({@code server.tomcat.remoteip.internal-proxies}), so it cannot be spoofed
 * from outside.
 */
@Component
class FeedGuessThrottle implements HandlerInterceptor, WebMvcConfigurer {

	/** Bounds the memory a guesser rotating through many addresses can make us use. */
	private static final int MAX_ADDRESSES = 100_000;

	private final int limit;

	private final Duration window;

	private final Duration lockout;

	private final Clock clock;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	private final Throttles throttles;

	/** Locks this node knows of, by address: the end of each. */
	private final Map<String, Instant> locks = new ConcurrentHashMap<>();

	FeedGuessThrottle(CalendarProperties properties, Clock clock, AuditLog auditLog,
			PlatformTransactionManager transactionManager, Throttles throttles) {
		this.throttles = throttles;
		this.limit = properties.guessLimit();
		this.window = properties.guessWindow();
		this.lockout = properties.guessLockout();
		this.clock = clock;
		this.auditLog = auditLog;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/ical/**");
	}

	/**
	 * The 429 for a request for a feed that does not exist from a locked-out address, or
	 * empty when the address is not locked (then the answer is the 404, which counts).
	 */
	Optional<ResponseEntity<byte[]>> refusal(String address) {
		Duration wait = lockedFor(address);
		if (wait.isZero()) {
			return Optional.empty();
		}
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		long minutes = (seconds + 59) / 60;
		byte[] body = ("Too many requests for calendar feeds that do not exist came from your address. Try again in "
				+ minutes + (minutes == 1 ? " minute" : " minutes") + ".\n")
			.getBytes(StandardCharsets.UTF_8);
		return Optional.of(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
			.cacheControl(CacheControl.noStore())
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(body));
	}

	/** Whether the address is locked out now. */
	boolean isLocked(String address) {
		return !lockedFor(address).isZero();
	}

	private Duration lockedFor(String address) {
		Instant until = this.locks.get(address);
		if (until == null) {
			return Duration.ZERO;
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(until)) {
			this.locks.remove(address, until);
			return Duration.ZERO;
		}
		return Duration.between(now, until);
	}

	/**
	 * Counts the request if it asked for a feed that does not exist (a 410 for a revoked
	 * URL is no guess).
	 */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (response.getStatus() == HttpServletResponse.SC_NOT_FOUND) {
			missed(request.getRemoteAddr());
		}
	}

	private void missed(String address) {
		Instant now = this.clock.instant();
		if (this.locks.size() > MAX_ADDRESSES) {
			this.locks.values().removeIf(until -> !now.isBefore(until));
		}
		Throttles.Count count = this.throttles.hit("feed-guess:address:" + address, this.limit, this.window,
				this.lockout);
		if (count.lockedUntil() != null) {
			this.locks.put(address, count.lockedUntil());
		}
		if (count.started()) {
			Instant lockedUntil = count.lockedUntil();
			this.transactions
				.executeWithoutResult(status -> this.auditLog.record("calendar.feeds-guessed", "feed", null,
						this.limit + " requests for calendar feeds that do not exist within " + words(this.window)
								+ " from " + address + "; requests from it for feeds that do not exist get 429 until "
								+ lockedUntil));
		}
	}

	private static String words(Duration duration) {
		long seconds = duration.toSeconds();
		return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes") : seconds + " seconds";
	}

}
