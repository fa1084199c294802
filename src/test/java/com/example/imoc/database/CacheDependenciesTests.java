package com.example.imoc.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.RecordedStatements;
import com.example.imoc.SqlOwnershipTests;
import com.example.imoc.calendar.FeedKind;
import com.example.imoc.calendar.FeedTokens;
import com.example.imoc.notify.PersonalNoticesProbe;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.Region;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.HomeBoardProbe;
import com.example.imoc.schedule.NextShiftsProbe;
import com.example.imoc.schedule.OwnCalendarsProbe;
import com.example.imoc.schedule.OnCallProbe;
import com.example.imoc.swap.OpenCoverOffersProbe;
import com.example.imoc.swap.WaitingSwapsProbe;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.TestRotations;
import com.example.imoc.schedule.view.GridView;
import com.example.imoc.schedule.view.RotationWeeks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Caches declare the tables they read ({@link CacheDependencies}, one bean per cache in
 * its module), and the change triggers of the migrations are checked against those lists:
 * every declared table has the {@code imoc_data_changed} trigger for inserts, updates and
 * deletes, and a write to it moves the generation every cache is stamped with, on the
 * writing node at once and on any other through the notification.
 */
@IntegrationTest
@Import(RecordedStatements.class)
class CacheDependenciesTests {

	/**
	 * Tables with no change trigger on purpose, and why. A new table is either shown
	 * (give it the trigger in its migration and list it with the caches that read it) or
	 * belongs here.
	 */
	static final Map<String, String> UNWATCHED = Map.ofEntries(
			Map.entry("audit_entry", "written next to every real change anyway, and by every sign-in"),
			Map.entry("feed_event_revision",
					"the feeds' own record of what they sent, written while rendering: polling must not empty caches"),
			Map.entry("public_holiday_seeding", "bookkeeping of which holiday years were fetched"),
			Map.entry("throttle_counter", "sign-in and feed-guess counters, shown nowhere"),
			Map.entry("spring_session", "sessions, shown nowhere"),
			Map.entry("spring_session_attributes", "sessions, shown nowhere"),
			Map.entry("notification_delivery", "which channel delivered a notice, shown nowhere"),
			Map.entry("slack_user", "the Slack match of a person, read by the uncached profile page"),
			Map.entry("slack_message", "the Slack outbox, shown nowhere"),
			Map.entry("slack_request_seen", "replay protection, shown nowhere"),
			Map.entry("slack_usergroup_state", "the last on-call user group sent to Slack, shown nowhere"),
			Map.entry("gitlab_incident_issue",
					"the link of an incident to its GitLab issue; the incident row it changes has the trigger"),
			Map.entry("gitlab_incident_label", "label times of GitLab issues, shown nowhere"));

	private static final int INSERT = 4;

	private static final int DELETE = 8;

	private static final int UPDATE = 16;

	@Autowired
	List<CacheDependencies> declared;

	@Autowired
	DataChanges changes;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	DataSource dataSource;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	FeedTokens feedTokens;

	@Autowired
	PersonAccounts accounts;

	@Autowired
	ApplicationContext context;

	/**
	 * Tables a cache may read without depending on them: what it reads there changes
	 * nothing it serves (the session store a page request touches; the revisions a feed
	 * writes down while rendering).
	 */
	static final Set<String> BOOKKEEPING = Set.of("spring_session", "spring_session_attributes", "throttle_counter",
			"feed_event_revision");

	/**
	 * Fills each cache with nothing cached (the generation moved first), records the SQL
	 * that took, and finds every table it names (through views too) among the cache's
	 * declared tables: a cache reading an undeclared table would serve stale data when
	 * that table changes without the trigger.
	 */
	@Test
	void eachCacheReadsOnlyTheTablesItDeclares() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> staff = this.testRotations.staff(rotation, 4);
		this.maintenance.maintain(rotation.id());
		Person viewer = staff.get(0);
		String apiToken = this.accessTokens.create(viewer.getId(), "cache test").secret();
		String personFeed = this.feedTokens.create(viewer.getId(), FeedKind.PERSON, null).secret();
		String rotationFeed = this.feedTokens.create(viewer.getId(), FeedKind.ROTATION, rotation.id()).secret();

		Map<String, Set<String>> read = new TreeMap<>();
		read.put("calendar feeds", tablesReadBy(() -> {
			this.mvc.perform(get("/ical/" + personFeed + ".ics").header(HttpHeaders.USER_AGENT, "Cache-Test/1.0"))
				.andExpect(status().isOk());
			this.mvc.perform(get("/ical/" + rotationFeed + ".ics").header(HttpHeaders.USER_AGENT, "Cache-Test/1.0"))
				.andExpect(status().isOk());
		}));
		read.put("API tokens", tablesReadBy(() -> this.accessTokens.authenticate(apiToken).orElseThrow()));
		read.put("signed-in people", tablesReadBy(() -> this.accounts.current(viewer.getId()).orElseThrow()));
		read.put("who is on call", tablesReadBy(() -> assertThat(OnCallProbe.onCallNow(this.context)).isNotNull()));
		read.put("waiting swap requests", tablesReadBy(
				() -> assertThat(WaitingSwapsProbe.waitingFor(this.context, TestPeople.signedIn(viewer))).isZero()));
		read.put("personal notices", tablesReadBy(() -> PersonalNoticesProbe.readAll(this.context, viewer.getId())));
		read.put("home board", tablesReadBy(() -> assertThat(HomeBoardProbe.board(this.context)).isNotNull()));
		read.put("open-cover offers",
				tablesReadBy(() -> assertThat(OpenCoverOffersProbe.offered(this.context, rotation.id(), Instant.now()))
					.isNotNegative()));
		read.put("own work calendars", tablesReadBy(
				() -> assertThat(OwnCalendarsProbe.calendar(this.context, ZoneId.of("Europe/Berlin"), Region.EMEA))
					.isNotNull()));
		read.put("next shifts",
				tablesReadBy(() -> assertThat(NextShiftsProbe.next(this.context, viewer.getId())).isPresent()));
		read.put("cached pages", tablesReadBy(() -> {
			for (String page : List.of("/", "/my/shifts", "/rotations", "/rotations/" + rotation.id())) {
				this.mvc.perform(get(page).with(user(TestPeople.signedIn(viewer)))).andExpect(status().isOk());
			}
		}));

		read.put("rotation weeks", tablesReadBy(() -> {
			for (GridView view : GridView.values()) {
				assertThat(this.context.getBean(RotationWeeks.class)
					.of(rotation, ZoneId.of("Asia/Kolkata"), view, view.firstDay(LocalDate.now()))
					.days()).isNotEmpty();
			}
		}));

		Map<String, CacheDependencies> byName = new TreeMap<>();
		this.declared.forEach(d -> byName.put(d.cache(), d));
		assertThat(read.keySet()).as("every declared cache is exercised here").isEqualTo(byName.keySet());
		read.forEach((cache, tables) -> {
			assertThat(tables).as(cache + " reads something").isNotEmpty();
			Set<String> undeclared = new TreeSet<>(tables);
			undeclared.removeAll(byName.get(cache).tables());
			undeclared.removeAll(BOOKKEEPING);
			assertThat(undeclared).as(cache + " reads tables its CacheDependencies lacks").isEmpty();
		});
	}

	interface Exercise {

		void run() throws Exception;

	}

	/** The tables (views resolved to theirs) named by the SQL the exercise sends. */
	private Set<String> tablesReadBy(Exercise exercise) throws Exception {
		Set<String> tables = new HashSet<>(this.jdbc
			.queryForList("select tablename from pg_tables where schemaname = current_schema()", String.class));
		Map<String, Set<String>> views = SqlOwnershipTests.views();
		this.changes.changed(); // nothing cached is current any more
		List<String> statements = RecordedStatements.record(exercise::run);
		Set<String> read = new TreeSet<>();
		for (String sql : statements) {
			for (String relation : SqlOwnershipTests.relations(sql)) {
				if (tables.contains(relation)) {
					read.add(relation);
				}
				read.addAll(views.getOrDefault(relation, Set.of()));
			}
		}
		return read;
	}

	@Test
	void everyCacheStampedWithTheGenerationDeclaresItsTables() throws IOException {
		Set<String> stamping = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				boolean stamps = source.contains("import com.example.imoc.database.DataChanges;")
						&& source.contains(".stamp()");
				if (stamps || source.contains("new KeptReads<")) {
					stamping.add(file.getFileName().toString().replace(".java", ""));
				}
			}
		}
		assertThat(stamping).as("classes caching under DataChanges' generation").isNotEmpty();
		assertThat(this.declared.stream().map(d -> d.owner().getSimpleName()).collect(Collectors.toSet()))
			.as("caches declaring their tables")
			.containsExactlyInAnyOrderElementsOf(stamping);
	}

	@Test
	void everyDeclaredTableFiresTheChangeTriggerOnInsertUpdateAndDelete() {
		Map<String, Integer> triggered = triggered();
		for (CacheDependencies cache : this.declared) {
			for (String table : cache.tables()) {
				assertThat(triggered).as(cache.cache() + " reads " + table + ", which needs the change trigger")
					.containsKey(table);
				assertThat(triggered.get(table) & (INSERT | UPDATE | DELETE))
					.as(cache.cache() + " reads " + table + ": the trigger must fire on insert, update and delete")
					.isEqualTo(INSERT | UPDATE | DELETE);
			}
		}
	}

	@Test
	void everyTableHasTheChangeTriggerOrSaysWhyNot() {
		Set<String> tables = new TreeSet<>(this.jdbc.queryForList(
				"select tablename from pg_tables where schemaname = current_schema() and tablename not like 'qrtz%'",
				String.class));
		tables.removeAll(triggered().keySet());
		tables.remove("flyway_schema_history");
		assertThat(tables).as("tables without the change trigger, unexplained")
			.containsExactlyInAnyOrderElementsOf(UNWATCHED.keySet());
	}

	/**
	 * Each kind of write to each declared table moves the generation: through the
	 * application's transactions (this node, synchronously) and through a plain
	 * connection of its own (what another node's write looks like: only the notification
	 * tells).
	 */
	@Test
	void aWriteToEveryDeclaredTableMovesTheGeneration() throws SQLException {
		Set<String> tables = this.declared.stream()
			.flatMap(d -> d.tables().stream())
			.collect(Collectors.toCollection(TreeSet::new));
		await().atMost(Duration.ofSeconds(10)).until(this.changes::isListening);
		for (String table : tables) {
			for (String write : writes(table)) {
				long stamp = this.changes.stamp();
				this.transaction.executeWithoutResult(tx -> this.jdbc.update(write));
				assertThat(this.changes.isCurrent(stamp)).as("committed here: " + write).isFalse();

				long before = this.changes.stamp();
				try (Connection connection = this.dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					connection.setAutoCommit(true);
					statement.executeUpdate(write);
				}
				await("committed elsewhere: " + write).atMost(Duration.ofSeconds(5))
					.until(() -> !this.changes.isCurrent(before));
			}
		}
	}

	/**
	 * An insert, an update of every column and a delete, each touching no row: the
	 * triggers fire per statement, so this is a write to the table without changing what
	 * it holds (the tests around share the database).
	 */
	private List<String> writes(String table) {
		List<String> columns = this.jdbc.queryForList("""
				select column_name from information_schema.columns
				where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'
				  and identity_generation is distinct from 'ALWAYS'
				order by ordinal_position""", String.class, table);
		assertThat(columns).as(table + " exists").isNotEmpty();
		String set = columns.stream().map(c -> c + " = " + c).collect(Collectors.joining(", "));
		String list = String.join(", ", columns);
		return List.of("insert into " + table + " (" + list + ") select " + list + " from " + table + " where false",
				"update " + table + " set " + set + " where false", "delete from " + table + " where false");
	}

	/**
	 * Table to the events (pg_trigger's tgtype bits) its statement triggers calling
	 * imoc_data_changed() fire on.
	 */
	private Map<String, Integer> triggered() {
		Map<String, Integer> triggered = new TreeMap<>();
		this.jdbc.query("""
				select c.relname, bit_or(t.tgtype::int) as events
				from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc f on f.oid = t.tgfoid
				join pg_namespace n on n.oid = c.relnamespace
				where f.proname = 'imoc_data_changed' and not t.tgisinternal and t.tgenabled <> 'D'
				  and n.nspname = current_schema()
				group by c.relname""", rs -> {
			triggered.put(rs.getString(1), rs.getInt(2));
		});
		return triggered;
	}

}
