package com.example.imoc.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.Role;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Hostile input, generated and table-driven: markup in every text field of the main forms
 * is shown escaped (on the page that shows it, and on the form that refuses it);
 * over-long values, wrong types, impossible dates, end before start, unknown and foreign
 * ids, missing or wrong CSRF tokens, mass assignment and bad CSV uploads each get a 4xx
 * or the form back with its message, never a 500, and never write anything.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

	static final List<String> PAYLOADS = List.of("<script>alert('@@')</script>", "\"><img src=x onerror=alert(1)>@@",
			"'><svg/onload=alert(1)>@@", "</textarea><script>@@</script>", "@@<a href=\"javascript:alert(1)\">x</a>",
			"[[${7*7}]]@@<i>x</i>");

	static final AtomicInteger MARKERS = new AtomicInteger(1000);

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	JdbcTemplate jdbc;

	World w;

	/**
	 * What every case acts on: people, a planned rotation, and one object of each kind
	 * owned by Alice or S1.
	 */
	static final class World {

		SignedInPerson coord;

		SignedInPerson alice;

		SignedInPerson bob;

		long rotationId;

		SignedInPerson s1;

		List<ShiftView> s1Shifts;

		long swapId;

		long incidentId;

		long incidentVersion;

		long aliceEntryId;

		long aliceTokenId;

		String aliceBearer;

		long aliceFeedId;

		long serviceId;

		long serviceVersion;

		long otherNoticeId;

		String s1Bearer;

		JdbcTemplate jdbc;

		String jdbcRole(long personId) {
			return this.jdbc.queryForObject("select role from person where id = ?", String.class, personId);
		}

		long awayCount(long personId) {
			return this.jdbc.queryForObject("select count(*) from unavailability where person_id = ?", Long.class,
					personId);
		}

		String assignee(long shiftId) {
			return String
				.valueOf(this.jdbc.queryForObject("select assignee_id from shift where id = ?", Long.class, shiftId));
		}

		List<String> swapStates(long shiftId) {
			return this.jdbc.queryForList("select state from swap_request where shift_id = ? order by id", String.class,
					shiftId);
		}

		String incidentRow(long id) {
			return this.jdbc.queryForObject("select t::text from incident t where id = ?", String.class, id);
		}

		long handoverAuthors(long personId) {
			return this.jdbc.queryForObject("select count(*) from handover_note where author_id = ?", Long.class,
					personId);
		}

		long tokenCount(long personId) {
			return this.jdbc.queryForObject("select count(*) from access_token where person_id = ?", Long.class,
					personId);
		}

	}

	@BeforeAll
	void world() throws Exception {
		World w = new World();
		w.jdbc = this.jdbc;
		w.coord = TestPeople.signedIn(this.testPeople.coordinator("Hostile Coordinator"));
		Person alice = this.testPeople.manager("Hostile Alice");
		w.alice = TestPeople.signedIn(alice);
		w.bob = TestPeople.signedIn(this.testPeople.manager("Hostile Bob"));
		Rotation rotation = this.testRotations.imocLike(4);
		w.rotationId = rotation.id();
		this.testRotations.staff(rotation, 3);
		this.maintenance.maintain(rotation.id());
		Instant from = Instant.now().plus(Duration.ofDays(2));
		List<ShiftView> swappable = this.shifts.ofRotation(rotation.id(), from, from.plus(Duration.ofDays(60)))
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(from))
			.toList();
		ShiftView first = swappable.get(0);
		w.s1 = new SignedInPerson(first.assigneeId(), first.assigneeEmail(), first.assigneeName(), null, Role.MANAGER,
				true);
		w.s1Shifts = swappable.stream().filter(s -> s.assigneeId().equals(first.assigneeId())).toList();
		assertThat(w.s1Shifts).hasSizeGreaterThan(10);
		this.w = w;
		w.swapId = idFrom(this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(w.s1Shifts.get(0).id()))
				.param("kind", "OPEN_COVER")
				.param("message", "fixture")
				.with(user(w.s1))
				.with(csrf()))
			.andReturn());
		w.incidentId = idFrom(
				this.mvc.perform(incident(post("/incidents"), Map.of()).with(user(w.alice)).with(csrf())).andReturn());
		w.incidentVersion = this.jdbc.queryForObject("select version from incident where id = ?", Long.class,
				w.incidentId);
		this.mvc.perform(
				timeAway(post("/people/{id}/time-away", alice.getId()), Map.of()).with(user(w.alice)).with(csrf()));
		w.aliceEntryId = this.jdbc.queryForObject("select max(id) from unavailability where person_id = ?", Long.class,
				alice.getId());
		AccessTokens.Created token = this.accessTokens.create(alice.getId(), "hostile fixture");
		w.aliceTokenId = token.id();
		w.aliceBearer = "Bearer " + token.secret();
		w.s1Bearer = "Bearer " + this.accessTokens.create(w.s1.id(), "hostile s1").secret();
		this.mvc.perform(post("/calendar/feeds").param("feed", "me").with(user(w.alice)).with(csrf()));
		w.aliceFeedId = this.jdbc.queryForObject("select max(id) from feed_token where person_id = ?", Long.class,
				alice.getId());
		Long notice = this.jdbc.queryForObject("select max(id) from notification where recipient_id <> ?", Long.class,
				w.bob.id());
		w.otherNoticeId = notice == null ? Long.MAX_VALUE : notice;
		w.serviceId = this.jdbc.queryForObject("select id from service where name = 'web'", Long.class);
		w.serviceVersion = this.jdbc.queryForObject("select version from service where id = ?", Long.class,
				w.serviceId);
	}

	// ---------------------------------------------------------------------------------------------------------
	// Markup is shown escaped

	record Shown(String name, String payload, Writer writer) {

		@Override
		public String toString() {
			return this.name + " ← " + this.payload;
		}

	}

	/**
	 * Submits the value and answers the page (its HTML) where it must now appear escaped.
	 */
	interface Writer {

		String write(HostileInputTests t, String value) throws Exception;

	}

	static Stream<Shown> markup() {
		Map<String, Writer> fields = new LinkedHashMap<>();
		fields.put("roster person name", (t, v) -> t.followAs(t.w.coord,
				t.person(post("/admin/people"), Map.of("name", v)).with(user(t.w.coord)).with(csrf())));
		fields.put("roster list search", (t, v) -> {
			t.followAs(t.w.coord,
					t.person(post("/admin/people"), Map.of("name", v)).with(user(t.w.coord)).with(csrf()));
			return t.page(get("/admin/people").param("q", marker(v)).with(user(t.w.coord)));
		});
		fields.put("time away note", (t, v) -> {
			t.ok(t.timeAway(post("/people/{id}/time-away", t.w.alice.id()), Map.of("note", v))
				.with(user(t.w.alice))
				.with(csrf()));
			return t.page(get("/people/{id}/time-away", t.w.alice.id()).with(user(t.w.alice)));
		});
		fields.put(
				"swap message", (t,
						v) -> t
							.followAs(t.w.s1,
									post("/swaps")
										.param("shift",
												String
													.valueOf(t.w.s1Shifts.get(1 + PAYLOADS.indexOf(payloadOf(v))).id()))
										.param("kind", "OPEN_COVER")
										.param("message", v)
										.with(user(t.w.s1))
										.with(csrf())));
		for (String field : List.of("title", "eocName", "links", "summary", "correctiveActions")) {
			fields.put("incident " + field, (t, v) -> t.followAs(t.w.alice,
					t.incident(post("/incidents"), Map.of(field, v)).with(user(t.w.alice)).with(csrf())));
		}
		fields.put("API token name", (t, v) -> {
			t.ok(post("/profile/tokens").param("name", v).with(user(t.w.alice)).with(csrf()));
			return t.page(get("/profile").with(user(t.w.alice)));
		});
		fields.put("rotation layer name",
				(t, v) -> t.followAs(t.w.coord,
						post("/admin/rotations/{id}/layers", t.w.rotationId).param("name", v)
							.param("days", "MONDAY")
							.param("precedence", "5")
							.with(user(t.w.coord))
							.with(csrf())));
		fields.put("handover note", (t, v) -> t.followAs(t.w.coord,
				post("/handover/{id}", t.w.s1Shifts.get(8).id()).param("note", v).with(user(t.w.coord)).with(csrf())));
		// Refused forms show what was typed, escaped too.
		fields.put("refused person form",
				(t, v) -> t.page(t.person(post("/admin/people"), Map.of("name", v, "email", "not-an-email"))
					.with(user(t.w.coord))
					.with(csrf())));
		fields.put("refused time away",
				(t, v) -> t.page(t
					.timeAway(post("/people/{id}/time-away", t.w.alice.id()), Map.of("note", v, "last", "2028-01-01"))
					.with(user(t.w.alice))
					.with(csrf())));
		fields.put("refused incident",
				(t, v) -> t.page(t.incident(post("/incidents"), Map.of("title", v, "declaredAt", "yesterday"))
					.with(user(t.w.alice))
					.with(csrf())));
		fields.put("refused swap",
				(t, v) -> t.page(post("/swaps").param("shift", String.valueOf(t.w.s1Shifts.get(7).id()))
					.param("kind", "OPEN_COVER")
					.param("message", v)
					.param("partStart", "not a time")
					.with(user(t.w.s1))
					.with(csrf())));
		fields.put("refused rotation slots",
				(t, v) -> t.page(post("/admin/rotations/{id}/slots", t.w.rotationId).param("slots", v)
					.with(user(t.w.coord))
					.with(csrf())));
		List<Shown> cases = new ArrayList<>();
		fields.forEach((name, writer) -> PAYLOADS.forEach(p -> cases.add(new Shown(name, p, writer))));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("markup")
	void markupIsShownEscaped(Shown shown) throws Exception {
		String marker = "hx" + MARKERS.incrementAndGet();
		String value = shown.payload().replace("@@", marker);
		String html = shown.writer().write(this, value);
		assertThat(html).contains(marker).doesNotContain(value);
		assertThat(html).doesNotContainIgnoringCase("<script>alert")
			.doesNotContain("<script>hx")
			.doesNotContain("<img src=x")
			.doesNotContain("<svg/onload")
			.doesNotContain("href=\"javascript:");
	}

	private static String marker(String value) {
		return value.replaceAll(".*(hx\\d+).*", "$1");
	}

	private static String payloadOf(String value) {
		return PAYLOADS.stream().filter(p -> p.replace("@@", marker(value)).equals(value)).findFirst().orElseThrow();
	}

	// ---------------------------------------------------------------------------------------------------------
	// Refused input: a 4xx (or the form back with its message), never a 500, never a
	// write

	enum Expect {

		/** Exactly a 4xx. */
		CLIENT_ERROR,
		/**
		 * A 4xx, the form back (200), or a redirect back to the form with its message:
		 * anything but success.
		 */
		REFUSED

	}

	record Refused(String name, Expect expect, Function<World, AbstractMockHttpServletRequestBuilder<?>> request) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Refused> refused() {
		List<Refused> cases = new ArrayList<>();
		String tooLong = "x".repeat(100_001);
		// Over-long values in every text field.
		Map<String, Integer> personLimits = Map.of("name", 201, "email", 321, "preferredSlots", 201, "newPassword",
				201);
		personLimits.forEach((field, length) -> cases.add(new Refused("person " + field + " of " + length + " chars",
				Expect.REFUSED,
				w -> person(post("/admin/people"),
						Map.of(field, field.equals("email") ? "a".repeat(length) + "@example.com" : "y".repeat(length)))
					.with(user(w.coord))
					.with(csrf()))));
		Map<String, Integer> incidentLimits = Map.of("title", 201, "eocName", 201, "links", 2001, "summary", 20001,
				"correctiveActions", 20001);
		incidentLimits.forEach((field, length) -> {
			cases.add(new Refused("incident " + field + " of " + length + " chars", Expect.REFUSED,
					w -> incident(post("/incidents"), Map.of(field, "y".repeat(length))).with(user(w.alice))
						.with(csrf())));
			cases.add(new Refused("incident edit " + field + " of " + length + " chars", Expect.REFUSED,
					w -> incident(post("/incidents/{id}", w.incidentId),
							Map.of(field, "y".repeat(length), "version", String.valueOf(w.incidentVersion)))
						.with(user(w.alice))
						.with(csrf())));
		});
		cases.add(new Refused("API incident title of 100001 chars", Expect.CLIENT_ERROR, w -> api(
				post("/api/v1/incidents"), w,
				"{\"title\":\"" + tooLong + "\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\"}")));
		cases.add(new Refused("time away note of 501 chars", Expect.REFUSED,
				w -> timeAway(post("/people/{id}/time-away", w.alice.id()), Map.of("note", "n".repeat(501)))
					.with(user(w.alice))
					.with(csrf())));
		cases.add(new Refused("swap message of 1001 chars", Expect.REFUSED,
				w -> swap(w, Map.of("message", "m".repeat(1001))).with(csrf())));
		cases.add(new Refused("API swap message of 100001 chars", Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/swaps"), w, "{\"kind\":\"OPEN_COVER\",\"shiftId\":" + w.s1Shifts.get(7).id()
						+ ",\"message\":\"" + tooLong + "\"}")));
		cases.add(new Refused("token name of 101 chars", Expect.REFUSED,
				w -> post("/profile/tokens").param("name", "t".repeat(101)).with(user(w.alice)).with(csrf())));
		cases.add(new Refused("blank token name", Expect.REFUSED,
				w -> post("/profile/tokens").param("name", "   ").with(user(w.alice)).with(csrf())));
		cases.add(new Refused("layer name of 61 chars", Expect.REFUSED,
				w -> layer(w, "l".repeat(61), "MONDAY").with(csrf())));
		cases.add(new Refused("handover note of 4001 chars", Expect.REFUSED,
				w -> post("/handover/{id}", w.s1Shifts.get(8).id()).param("note", "h".repeat(4001))
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("blank handover note", Expect.REFUSED,
				w -> post("/handover/{id}", w.s1Shifts.get(8).id()).param("note", " ")
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("slots of 100001 chars", Expect.REFUSED,
				w -> post("/admin/rotations/{id}/slots", w.rotationId).param("slots", tooLong)
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("rotation name of 100001 chars", Expect.REFUSED,
				w -> settings(w, Map.of("name", tooLong)).with(csrf())));
		cases.add(new Refused("service name of 100001 chars", Expect.REFUSED,
				w -> post("/admin/services").param("name", tooLong)
					.param("weight", "1")
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("password of 100001 chars", Expect.REFUSED,
				w -> post("/profile/password").param("currentPassword", TestPeople.PASSWORD)
					.param("newPassword", tooLong)
					.param("confirmPassword", tooLong)
					.with(user(w.alice))
					.with(csrf())));
		// Wrong types and values outside the allowed set.
		Map<String, String> personWrong = new LinkedHashMap<>();
		personWrong.put("grade", "eight");
		personWrong.put("grade ", "99999999999999999999");
		personWrong.put("grade  ", "4");
		personWrong.put("grade   ", "13");
		personWrong.put("jobTitle", "CEO");
		personWrong.put("region", "MARS");
		personWrong.put("role", "ROOT");
		personWrong.put("onboardingState", "DONE");
		personWrong.put("managerId", "abc");
		personWrong.put("managerId ", "999999999");
		personWrong.put("timeZone", "Mars/Olympus");
		personWrong.put("timeZone ", "../../etc/passwd");
		personWrong.put("email", "not-an-email");
		personWrong.put("email ", "a@b@c");
		personWrong.put("name", "   ");
		personWrong.put("preferredSlots", "25:00-26:00");
		personWrong.put("version", "abc");
		personWrong.put("startDate", "2026-02-30");
		personWrong.put("startDate ", "2026-13-01");
		personWrong.put("startDate  ", "yesterday");
		personWrong.put("startDate   ", "");
		personWrong.put("startDate    ", "+99999-01-01");
		personWrong.forEach((key, value) -> cases.add(new Refused("person " + key.trim() + "=" + value, Expect.REFUSED,
				w -> person(post("/admin/people"), Map.of(key.trim(), value)).with(user(w.coord)).with(csrf()))));
		cases.add(new Refused("person edit with version=abc", Expect.REFUSED,
				w -> person(post("/admin/people/{id}", w.alice.id()), Map.of("version", "abc", "grade", "x"))
					.with(user(w.coord))
					.with(csrf())));
		Map<String, String> incidentWrong = new LinkedHashMap<>();
		incidentWrong.put("severity", "S9");
		incidentWrong.put("status", "EXPLODED");
		incidentWrong.put("rootCause", "ALIENS");
		incidentWrong.put("imocPersonId", "abc");
		incidentWrong.put("imocPersonId ", "999999999");
		incidentWrong.put("services[0].name", "no-such-service");
		incidentWrong.put("services[0].impact", "abc");
		incidentWrong.put("services[99999].name", "web");
		incidentWrong.put("pages", "not a time");
		incidentWrong.put("declaredAt", "2026-02-30T10:00");
		incidentWrong.put("declaredAt ", "2026-01-01T25:00");
		incidentWrong.put("declaredAt  ", "");
		incidentWrong.put("declaredAt   ", "2999-01-01T10:00");
		incidentWrong.put("declaredAt    ", "-999999999-01-01T00:00");
		incidentWrong.put("impactStartedAt", "2024-02-01T11:00");
		incidentWrong.put("mitigatedAt", "2024-02-01T09:00");
		incidentWrong.put("resolvedAt", "2024-01-01T09:00");
		incidentWrong.put("reviewCompleted", "maybe");
		incidentWrong.put("version", "abc");
		incidentWrong.forEach((key, value) -> {
			cases.add(new Refused("incident " + key.trim() + "=" + value, Expect.REFUSED,
					w -> incident(post("/incidents"), Map.of(key.trim(), value)).with(user(w.alice)).with(csrf())));
		});
		cases.add(new Refused("incident resolved before declared", Expect.REFUSED,
				w -> incident(post("/incidents"),
						Map.of("status", "RESOLVED", "mitigatedAt", "2024-02-01T11:00", "resolvedAt",
								"2024-02-01T10:30", "declaredAt", "2024-02-01T10:45"))
					.with(user(w.alice))
					.with(csrf())));
		List<String> apiIncidents = List.of("{", "[]", "\"text\"", "{\"title\":5,\"severity\":[]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2026-02-30T10:00:00Z\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"resolvedAt\":\"2024-01-01T10:00:00Z\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"imocPersonId\":\"abc\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"imocPersonId\":999999999}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"services\":[{\"name\":\"web\",\"impact\":7}]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"services\":[{\"name\":\"web\",\"impact\":\"lots\"}]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"pages\":[\"noon\"]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"services\":[null]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"pages\":[null]}",
				"{\"title\":null,\"severity\":null,\"declaredAt\":null}");
		apiIncidents.forEach(body -> cases.add(new Refused("API incident " + body, Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/incidents"), w, body))));
		Map<String, String> timeAwayWrong = new LinkedHashMap<>();
		timeAwayWrong.put("kind", "HOLIDAY");
		timeAwayWrong.put("first", "2029-02-30");
		timeAwayWrong.put("first ", "not a date");
		timeAwayWrong.put("last", "2028-12-31");
		timeAwayWrong.put("last ", "2031-13-01");
		timeAwayWrong.put("last  ", "+10000-01-01");
		timeAwayWrong.forEach((key,
				value) -> cases.add(new Refused("time away " + key.trim() + "=" + value, Expect.REFUSED,
						w -> timeAway(post("/people/{id}/time-away", w.alice.id()), Map.of(key.trim(), value))
							.with(user(w.alice))
							.with(csrf()))));
		Map<String, String> swapWrong = new LinkedHashMap<>();
		swapWrong.put("kind", "STEAL");
		swapWrong.put("kind ", "SWAP");
		swapWrong.put("kind  ", "COVER");
		swapWrong.put("counterpartShiftId", "abc");
		swapWrong.put("toPersonId", "abc");
		swapWrong.put("partStart", "2026-02-30T10:00");
		swapWrong.put("partEnd", "25:99");
		swapWrong.put("deadline", "yesterday");
		swapWrong.put("deadline ", "2001-01-01T10:00");
		swapWrong.put("performNow", "perhaps");
		swapWrong.forEach((key, value) -> cases.add(new Refused("swap " + key.trim() + "=" + value, Expect.REFUSED,
				w -> swap(w, Map.of(key.trim(), value)).with(csrf()))));
		cases.add(new Refused("swap part ending before it starts", Expect.REFUSED, w -> {
			ShiftView s = w.s1Shifts.get(7);
			return swap(w, Map.of("partStart", local(s.start().plus(Duration.ofHours(3))), "partEnd",
					local(s.start().plus(Duration.ofHours(1)))))
				.with(csrf());
		}));
		cases.add(new Refused("swap part outside the shift", Expect.REFUSED, w -> {
			ShiftView s = w.s1Shifts.get(7);
			return swap(w, Map.of("partStart", local(s.start().minus(Duration.ofDays(3))), "partEnd",
					local(s.start().minus(Duration.ofDays(2)))))
				.with(csrf());
		}));
		cases.add(new Refused("swap of shift=abc", Expect.CLIENT_ERROR,
				w -> post("/swaps").param("shift", "abc").param("kind", "OPEN_COVER").with(user(w.s1)).with(csrf())));
		cases.add(new Refused("swap without a shift", Expect.CLIENT_ERROR,
				w -> post("/swaps").param("kind", "OPEN_COVER").with(user(w.s1)).with(csrf())));
		List<String> apiSwaps = List.of("{", "{\"kind\":\"STEAL\",\"shiftId\":%d}",
				"{\"kind\":\"OPEN_COVER\",\"shiftId\":\"abc\"}", "{\"kind\":\"OPEN_COVER\"}",
				"{\"kind\":\"OPEN_COVER\",\"shiftId\":%d,\"partStart\":\"noon\",\"partEnd\":\"later\"}",
				"{\"kind\":\"OPEN_COVER\",\"shiftId\":%d,\"deadline\":\"2026-02-30T10:00:00Z\"}",
				"{\"kind\":\"SWAP\",\"shiftId\":%d}", "{\"kind\":\"COVER\",\"shiftId\":%d,\"toPersonId\":999999999}",
				"{\"kind\":\"SWAP\",\"shiftId\":%d,\"counterpartShiftId\":999999999}",
				"{\"kind\":\"OPEN_COVER\",\"shiftId\":999999999}", "{\"kind\":null,\"shiftId\":null}");
		apiSwaps.forEach(body -> cases.add(new Refused("API swap " + body, Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/swaps"), w, body.formatted(w.s1Shifts.get(7).id())))));
		cases.add(new Refused("rotation settings with wrong numbers", Expect.REFUSED,
				w -> settings(w, Map.of("blockDays", "abc", "horizonWeeks", "-1", "freezeDays", "99999999999"))
					.with(csrf())));
		cases.add(new Refused("rotation settings with an unknown zone", Expect.REFUSED,
				w -> settings(w, Map.of("zone", "../../../etc/localtime")).with(csrf())));
		cases.add(new Refused("rotation settings with a stale version", Expect.REFUSED,
				w -> settings(w, Map.of("version", "abc")).with(csrf())));
		for (String slots : List.of("", "23:00", "25:00-05:00", "05:00-05:00", "a-b", "05:00-11:00,05:00-11:00",
				"05:00-11:00;09:00-12:00")) {
			cases.add(new Refused("slots '" + slots + "'", Expect.REFUSED,
					w -> post("/admin/rotations/{id}/slots", w.rotationId).param("slots", slots)
						.with(user(w.coord))
						.with(csrf())));
		}
		cases.add(new Refused("layer without days", Expect.REFUSED, w -> layer(w, "no days", null).with(csrf())));
		cases.add(new Refused("layer with day=FUNDAY", Expect.CLIENT_ERROR,
				w -> layer(w, "funday", "FUNDAY").with(csrf())));
		cases.add(new Refused("layer precedence=abc", Expect.REFUSED,
				w -> post("/admin/rotations/{id}/layers", w.rotationId).param("name", "bad precedence")
					.param("days", "MONDAY")
					.param("precedence", "abc")
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("participant with personId=abc", Expect.CLIENT_ERROR,
				w -> post("/admin/rotations/{id}/participants", w.rotationId).param("personId", "abc")
					.param("layerId", "1")
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("participant with an unknown person and layer", Expect.CLIENT_ERROR,
				w -> post("/admin/rotations/{id}/participants", w.rotationId).param("personId", "999999999")
					.param("layerId", "999999999")
					.with(user(w.coord))
					.with(csrf())));
		cases.add(new Refused("notification preferences leads=abc", Expect.REFUSED,
				w -> post("/profile/notifications").param("mail", "true")
					.param("leads", "abc,-5,99999999999")
					.with(user(w.alice))
					.with(csrf())));
		cases.add(new Refused("profile time zone Mars/Olympus", Expect.REFUSED,
				w -> post("/profile/time-zone").param("timeZone", "Mars/Olympus").with(user(w.alice)).with(csrf())));
		cases.add(new Refused("password shorter than 8", Expect.REFUSED,
				w -> post("/profile/password").param("currentPassword", TestPeople.PASSWORD)
					.param("newPassword", "short")
					.param("confirmPassword", "short")
					.with(user(w.alice))
					.with(csrf())));
		cases.add(new Refused("password with the wrong current one", Expect.REFUSED,
				w -> post("/profile/password").param("currentPassword", "wrong-password")
					.param("newPassword", "a-long-new-password")
					.param("confirmPassword", "a-long-new-password")
					.with(user(w.alice))
					.with(csrf())));
		cases.add(new Refused("feed of an unknown kind", Expect.CLIENT_ERROR,
				w -> post("/calendar/feeds").param("feed", "everything").with(user(w.alice)).with(csrf())));
		cases.add(new Refused("feed of an unknown rotation", Expect.CLIENT_ERROR,
				w -> post("/calendar/feeds").param("feed", "rotation")
					.param("rotationId", "999999999")
					.with(user(w.alice))
					.with(csrf())));
		cases.add(new Refused("API feed of an unknown kind", Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/calendar/feeds"), w, "{\"feed\":\"everything\"}")));
		cases.add(new Refused("API feed of an unknown rotation", Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/calendar/feeds"), w, "{\"feed\":\"rotation\",\"rotationId\":999999999}")));
		// Query parameters of the wrong type or out of range.
		List<String> badQueries = List.of("/api/v1/shifts?from=abc", "/api/v1/shifts?from=2026-02-30T00:00:00Z",
				"/api/v1/shifts?person=999999999", "/api/v1/oncall?at=yesterday", "/api/v1/incidents?month=2026-13",
				"/api/v1/incidents?severity=S9", "/api/v1/availability?month=abc", "/api/v1/swaps/abc",
				"/rotations/%d?days=abc", "/rotations/%d?days=-5", "/rotations/%d?days=100000",
				"/rotations/%d?week=2026-02-30", "/rotations/%d?person=abc", "/incidents?month=2026-13",
				"/incidents?severity=S9", "/incidents?imoc=abc", "/availability?month=99999-99",
				"/reports/time-in-lieu?from=abc&to=2026-01-01", "/reports/time-in-lieu?from=2026-03-01&to=2026-01-01",
				"/reports/oncall-hours.csv?from=2026-02-30&to=2026-03-01", "/admin/rotations/%d/fairness?from=abc",
				"/admin/people?region=MARS", "/admin/people?state=DONE", "/swaps/new?shift=abc", "/swaps/abc",
				"/incidents/abc", "/admin/people/abc", "/people/abc/time-away", "/handover/abc",
				"/ical/../../etc/passwd.ics", "/ical/%2e%2e%2fetc%2fpasswd.ics", "/ical/not-a-token.ics",
				"/ical/" + "a".repeat(5000) + ".ics");
		for (String query : badQueries) {
			Expect expect = query.startsWith("/api/") || query.contains("/abc") || query.startsWith("/ical/")
					? Expect.CLIENT_ERROR : Expect.REFUSED;
			cases.add(new Refused("GET " + (query.length() > 80 ? query.substring(0, 80) + "…" : query), expect, w -> {
				URI uri = URI.create(query.contains("%d") ? query.formatted(w.rotationId) : query);
				return query.startsWith("/api/") ? get(uri).header("Authorization", w.aliceBearer)
						: get(uri).with(user(query.startsWith("/admin") ? w.coord : w.alice));
			}));
		}
		// Unknown ids, through forms and the API.
		for (long id : new long[] { 999_999_999L, Long.MAX_VALUE, -1 }) {
			List<String> gets = List.of("/swaps/%d", "/incidents/%d", "/admin/people/%d", "/admin/people/%d/edit",
					"/people/%d/time-away", "/handover/%d", "/swaps/new?shift=%d", "/rotations/%d",
					"/admin/rotations/%d/settings", "/admin/rotations/%d/participants");
			for (String path : gets) {
				cases.add(new Refused("GET " + path.formatted(id), Expect.CLIENT_ERROR,
						w -> get(path.formatted(id)).with(user(w.coord))));
			}
			List<String> posts = List.of("/swaps/%d/accept", "/swaps/%d/decline", "/swaps/%d/cancel", "/swaps/%d/undo",
					"/swaps/%d/approve", "/admin/people/%d/deactivate", "/profile/tokens/%d/revoke",
					"/calendar/feeds/%d/revoke", "/calendar/feeds/%d/rotate", "/notifications/%d/read",
					"/admin/rotations/%d/extend", "/admin/rotations/%d/participants/1/remove", "/handover/%d");
			for (String path : posts) {
				cases.add(new Refused("POST " + path.formatted(id), Expect.CLIENT_ERROR,
						w -> post(path.formatted(id)).param("note", "x").with(user(w.coord)).with(csrf())));
			}
			cases.add(new Refused("POST incident " + id, Expect.CLIENT_ERROR,
					w -> incident(post("/incidents/{id}", id), Map.of()).with(user(w.alice)).with(csrf())));
			cases.add(new Refused("POST person " + id, Expect.CLIENT_ERROR,
					w -> person(post("/admin/people/{id}", id), Map.of()).with(user(w.coord)).with(csrf())));
			cases.add(new Refused("POST time away of person " + id, Expect.CLIENT_ERROR,
					w -> timeAway(post("/people/{id}/time-away", id), Map.of()).with(user(w.coord)).with(csrf())));
			cases.add(new Refused("delete time away entry " + id, Expect.CLIENT_ERROR,
					w -> post("/people/{p}/time-away/{e}/delete", w.alice.id(), id).with(user(w.alice)).with(csrf())));
			cases.add(new Refused("POST swap of shift " + id, Expect.CLIENT_ERROR,
					w -> post("/swaps").param("shift", String.valueOf(id))
						.param("kind", "OPEN_COVER")
						.with(user(w.coord))
						.with(csrf())));
			for (String path : List.of("/api/v1/swaps/%d", "/api/v1/swaps/%d/accept", "/api/v1/swaps/%d/cancel",
					"/api/v1/swaps/%d/undo", "/api/v1/swaps/%d/approve", "/api/v1/calendar/feeds/%d")) {
				boolean isGet = path.equals("/api/v1/swaps/%d");
				boolean isDelete = path.startsWith("/api/v1/calendar");
				cases.add(new Refused((isGet ? "GET " : isDelete ? "DELETE " : "POST ") + path.formatted(id),
						Expect.CLIENT_ERROR,
						w -> (isGet ? get(path.formatted(id))
								: isDelete ? delete(path.formatted(id)) : post(path.formatted(id)))
							.header("Authorization", w.aliceBearer)));
			}
		}
		// Foreign ids: Bob acting on what belongs to Alice, S1 or the coordinator.
		cases.add(new Refused("Bob reads Alice's time away", Expect.CLIENT_ERROR,
				w -> get("/people/{id}/time-away", w.alice.id()).with(user(w.bob))));
		cases.add(new Refused("Bob adds time away for Alice", Expect.CLIENT_ERROR,
				w -> timeAway(post("/people/{id}/time-away", w.alice.id()), Map.of()).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob deletes Alice's time away through Alice's path", Expect.CLIENT_ERROR,
				w -> post("/people/{p}/time-away/{e}/delete", w.alice.id(), w.aliceEntryId).with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("Bob deletes Alice's time away through his own path", Expect.CLIENT_ERROR,
				w -> post("/people/{p}/time-away/{e}/delete", w.bob.id(), w.aliceEntryId).with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("Bob revokes Alice's API token", Expect.CLIENT_ERROR,
				w -> post("/profile/tokens/{id}/revoke", w.aliceTokenId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob revokes Alice's feed", Expect.CLIENT_ERROR,
				w -> post("/calendar/feeds/{id}/revoke", w.aliceFeedId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob rotates Alice's feed", Expect.CLIENT_ERROR,
				w -> post("/calendar/feeds/{id}/rotate", w.aliceFeedId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob deletes Alice's feed through the API", Expect.CLIENT_ERROR,
				w -> delete("/api/v1/calendar/feeds/{id}", w.aliceFeedId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob cancels S1's swap", Expect.CLIENT_ERROR,
				w -> post("/swaps/{id}/cancel", w.swapId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob undoes S1's swap", Expect.CLIENT_ERROR,
				w -> post("/swaps/{id}/undo", w.swapId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob approves S1's swap", Expect.CLIENT_ERROR,
				w -> post("/swaps/{id}/approve", w.swapId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob rejects S1's swap", Expect.CLIENT_ERROR,
				w -> post("/swaps/{id}/reject", w.swapId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob takes S1's cover on behalf of S1", Expect.REFUSED,
				w -> post("/swaps/{id}/accept", w.swapId).param("onBehalfOf", String.valueOf(w.s1.id()))
					.with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("Bob cancels S1's swap through the API", Expect.CLIENT_ERROR,
				w -> post("/api/v1/swaps/{id}/cancel", w.swapId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("Bob offers S1's shift", Expect.CLIENT_ERROR,
				w -> post("/swaps").param("shift", String.valueOf(w.s1Shifts.get(7).id()))
					.param("kind", "OPEN_COVER")
					.with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("Bob opens the offer form of S1's shift", Expect.CLIENT_ERROR,
				w -> get("/swaps/new").param("shift", String.valueOf(w.s1Shifts.get(7).id())).with(user(w.bob))));
		cases.add(new Refused("Bob offers S1's shift through the API", Expect.CLIENT_ERROR,
				w -> post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
					.content("{\"kind\":\"OPEN_COVER\",\"shiftId\":" + w.s1Shifts.get(7).id() + "}")
					.with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("Bob writes S1's handover", Expect.CLIENT_ERROR,
				w -> post("/handover/{id}", w.s1Shifts.get(8).id()).param("note", "mine now")
					.with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("Bob marks someone else's notice read", Expect.CLIENT_ERROR,
				w -> post("/notifications/{id}/read", w.otherNoticeId).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("a manager edits Alice on the roster", Expect.CLIENT_ERROR,
				w -> person(post("/admin/people/{id}", w.alice.id()), Map.of("role", "COORDINATOR")).with(user(w.bob))
					.with(csrf())));
		cases.add(new Refused("a manager changes rotation settings", Expect.CLIENT_ERROR,
				w -> settings(w, Map.of()).with(user(w.bob)).with(csrf())));
		cases.add(new Refused("a manager adds a layer", Expect.CLIENT_ERROR,
				w -> layer(w, "managers only", "MONDAY").with(user(w.bob)).with(csrf())));
		cases.add(new Refused("a manager imports a roster", Expect.CLIENT_ERROR,
				w -> multipart("/admin/people/import").file(csv("roster.csv", "name\n"))
					.with(user(w.bob))
					.with(csrf())));
		// Missing or wrong CSRF token on every form.
		Map<String, Function<World, AbstractMockHttpServletRequestBuilder<?>>> forms = new LinkedHashMap<>();
		forms.put("person form", w -> person(post("/admin/people"), Map.of()).with(user(w.coord)));
		forms.put("person edit",
				w -> person(post("/admin/people/{id}", w.alice.id()), Map.of("name", "Renamed")).with(user(w.coord)));
		forms.put("deactivate", w -> post("/admin/people/{id}/deactivate", w.alice.id()).with(user(w.coord)));
		forms.put("time away",
				w -> timeAway(post("/people/{id}/time-away", w.alice.id()), Map.of()).with(user(w.alice)));
		forms.put("time away delete",
				w -> post("/people/{p}/time-away/{e}/delete", w.alice.id(), w.aliceEntryId).with(user(w.alice)));
		forms.put("swap", w -> swap(w, Map.of()).with(user(w.s1)));
		forms.put("swap cancel", w -> post("/swaps/{id}/cancel", w.swapId).with(user(w.s1)));
		forms.put("incident", w -> incident(post("/incidents"), Map.of()).with(user(w.alice)));
		forms
			.put("incident edit",
					w -> incident(post("/incidents/{id}", w.incidentId),
							Map.of("title", "Renamed", "version", String.valueOf(w.incidentVersion)))
						.with(user(w.alice)));
		forms.put("API incident with a session",
				w -> post("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON)
					.content("{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\"}")
					.with(user(w.alice)));
		forms.put("token", w -> post("/profile/tokens").param("name", "csrf").with(user(w.alice)));
		forms.put("token revoke", w -> post("/profile/tokens/{id}/revoke", w.aliceTokenId).with(user(w.alice)));
		forms.put("password",
				w -> post("/profile/password").param("currentPassword", TestPeople.PASSWORD)
					.param("newPassword", "another-password")
					.param("confirmPassword", "another-password")
					.with(user(w.alice)));
		forms.put("time zone", w -> post("/profile/time-zone").param("timeZone", "Asia/Tokyo").with(user(w.alice)));
		forms.put("feed", w -> post("/calendar/feeds").param("feed", "me").with(user(w.alice)));
		forms.put("feed revoke", w -> post("/calendar/feeds/{id}/revoke", w.aliceFeedId).with(user(w.alice)));
		forms.put("layer", w -> layer(w, "csrf layer", "MONDAY"));
		forms.put("settings", w -> settings(w, Map.of("name", "csrf renamed")));
		forms.put("handover",
				w -> post("/handover/{id}", w.s1Shifts.get(8).id()).param("note", "csrf").with(user(w.coord)));
		forms.put("import",
				w -> multipart("/admin/people/import").file(csv("roster.csv", "name,email\n")).with(user(w.coord)));
		forms.forEach((name, request) -> {
			cases.add(new Refused(name + " without CSRF token", Expect.CLIENT_ERROR, request));
			cases.add(new Refused(name + " with a wrong CSRF token", Expect.CLIENT_ERROR,
					w -> request.apply(w).with(csrf().useInvalidToken())));
		});
		// Hostile CSV uploads: traversal in the name, binary, a formula, and one over the
		// size limit.
		Map<String, MockMultipartFile> uploads = new LinkedHashMap<>();
		uploads.put("a traversal file name", csv("../../../../etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"));
		uploads.put("a Windows traversal file name", csv("..\\..\\windows\\win.ini", "[fonts]\n"));
		uploads.put("binary bytes", new MockMultipartFile("file", "roster.csv", "text/csv",
				new byte[] { 0, 1, 2, (byte) 0xff, (byte) 0xfe, 0 }));
		uploads.put("an empty file", csv("roster.csv", ""));
		uploads.put("a header only", csv("roster.csv",
				"name,email,job_title,grade,manager_email,time_zone,region,start_date,weekdays_only,preferred_slots,onboarding_state\n"));
		uploads.put("a formula and a bad zone", csv("roster.csv",
				"name,email,job_title,grade,manager_email,time_zone,region,start_date,weekdays_only,preferred_slots,onboarding_state\n"
						+ "=cmd|' /C calc'!A0,formula@example.com,Backend Engineering Manager,8,,../../etc/passwd,EMEA,2023-01-09,false,,ACTIVE\n"));
		uploads.put("a row with a huge field", csv("roster.csv",
				"name,email,job_title,grade,manager_email,time_zone,region,start_date,weekdays_only,preferred_slots,onboarding_state\n"
						+ "x".repeat(100_000)
						+ ",huge@example.com,Backend Engineering Manager,8,,UTC,EMEA,2023-01-09,false,,ACTIVE\n"));
		uploads.put("a file over 2 MB",
				csv("roster.csv", "name,email\n" + "Big Row,big@example.com\n".repeat(120_000)));
		uploads.put("an unquoted-quote mess", csv("roster.csv", "\"\"\"\n\"a,\"b\n"));
		uploads.forEach((name, file) -> cases.add(new Refused("CSV import of " + name, Expect.REFUSED,
				w -> multipart("/admin/people/import").file(file).with(user(w.coord)).with(csrf()))));
		cases.add(new Refused("CSV import without a file part", Expect.REFUSED,
				w -> multipart("/admin/people/import").with(user(w.coord)).with(csrf())));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	void refusedInputIsA4xxAndWritesNothing(Refused refused) throws Exception {
		Map<String, String> before = snapshot();
		MvcResult result = this.mvc.perform(refused.request().apply(this.w)).andReturn();
		int status = result.getResponse().getStatus();
		assertThat(status).as("status of " + refused.name()).isLessThan(500);
		if (refused.expect() == Expect.CLIENT_ERROR) {
			assertThat(status).as("status of " + refused.name()).isBetween(400, 499);
		}
		else {
			assertThat(status).as("status of " + refused.name()).isNotIn(201, 204);
		}
		assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(snapshot()).as("what " + refused.name() + " wrote").isEqualTo(before);
	}

	// ---------------------------------------------------------------------------------------------------------
	// Input at the edges (issue "Trust at the edges"): control characters in every form
	// field, query parameter and
	// JSON string, dates at the ends of what java.time and PostgreSQL can hold, numbers
	// with huge exponents, bodies
	// of unsupported media types, non-numeric hidden fields and unknown or negative ids
	// on every action

	/**
	 * A value of every form, as posted by its owner; the edge cases replace one field at
	 * a time.
	 */
	static Map<String, Function<Map<String, String>, Function<World, MockHttpServletRequestBuilder>>> forms() {
		Map<String, Function<Map<String, String>, Function<World, MockHttpServletRequestBuilder>>> forms = new LinkedHashMap<>();
		forms.put("person", o -> w -> person(post("/admin/people"), o).with(user(w.coord)));
		forms.put("person edit", o -> w -> person(post("/admin/people/{id}", w.alice.id()), o).with(user(w.coord)));
		forms.put("incident", o -> w -> incident(post("/incidents"), o).with(user(w.alice)));
		forms.put("incident edit", o -> w -> incident(post("/incidents/{id}", w.incidentId),
				merged(Map.of("version", String.valueOf(w.incidentVersion)), o))
			.with(user(w.alice)));
		forms.put("time away", o -> w -> timeAway(post("/people/{id}/time-away", w.alice.id()), o).with(user(w.alice)));
		forms.put("swap", o -> w -> swap(w, o));
		forms.put("rotation settings", o -> w -> settings(w, o));
		forms.put("layer", o -> w -> with(post("/admin/rotations/{id}/layers", w.rotationId),
				Map.of("name", "edge layer", "precedence", "3", "days", "MONDAY"), o)
			.with(user(w.coord)));
		forms.put("slots",
				o -> w -> with(post("/admin/rotations/{id}/slots", w.rotationId), Map.of("slots", "05:00-11:00"), o)
					.with(user(w.coord)));
		forms.put("participant", o -> w -> with(post("/admin/rotations/{id}/participants", w.rotationId),
				Map.of("personId", String.valueOf(w.bob.id())), o)
			.with(user(w.coord)));
		forms.put("new rotation",
				o -> w -> with(post("/admin/rotations"),
						Map.of("name", "Edge rotation", "zone", "UTC", "slots", "05:00-11:00", "blockDays", "4"), o)
					.with(user(w.coord)));
		forms.put("handover", o -> w -> with(post("/handover/{id}", w.s1Shifts.get(8).id()), Map.of("note", "edge"), o)
			.with(user(w.coord)));
		forms.put("token", o -> w -> with(post("/profile/tokens"), Map.of("name", "edge"), o).with(user(w.alice)));
		forms.put("time zone",
				o -> w -> with(post("/profile/time-zone"), Map.of("timeZone", "Asia/Tokyo"), o).with(user(w.alice)));
		forms
			.put("password",
					o -> w -> with(post("/profile/password"), Map.of("currentPassword", TestPeople.PASSWORD,
							"newPassword", "edge-password-1", "confirmPassword", "edge-password-1"), o)
						.with(user(w.alice)));
		forms.put("notifications",
				o -> w -> with(post("/profile/notifications"), Map.of("mail", "true", "leads", "1h"), o)
					.with(user(w.alice)));
		forms.put("service", o -> w -> with(post("/admin/services"), Map.of("name", "edge-service", "weight", "1"), o)
			.with(user(w.coord)));
		forms.put("service weight", o -> w -> with(post("/admin/services/{id}", w.serviceId),
				Map.of("weight", "2", "version", String.valueOf(w.serviceVersion)), o)
			.with(user(w.coord)));
		forms.put("published history",
				o -> w -> with(post("/admin/availability/history"), Map.of("text", "2019-01 99.9"), o)
					.with(user(w.coord)));
		forms.put("feed", o -> w -> with(post("/calendar/feeds"), Map.of("feed", "me"), o).with(user(w.alice)));
		return forms;
	}

	/** The fields each form posts (beyond those its builder fills in). */
	static final Map<String, List<String>> FORM_FIELDS = Map.ofEntries(
			Map.entry("person",
					List.of("name", "email", "jobTitle", "grade", "timeZone", "region", "startDate", "onboardingState",
							"role", "active", "managerId", "preferredSlots", "weekdaysOnly")),
			Map.entry("person edit", List.of("name", "version")),
			Map.entry("incident",
					List.of("title", "severity", "status", "declaredAt", "impactStartedAt", "mitigatedAt", "resolvedAt",
							"rootCause", "detectedInternally", "eocName", "imocPersonId", "links", "summary",
							"correctiveActions", "pages", "services[0].name", "services[0].impact")),
			Map.entry("incident edit", List.of("title", "version")),
			Map.entry("time away", List.of("kind", "first", "last", "note")),
			Map.entry("swap",
					List.of("shift", "kind", "message", "counterpartShiftId", "toPersonId", "partStart", "partEnd",
							"deadline", "personQuery", "shiftPerson", "shiftFrom")),
			Map.entry("rotation settings",
					List.of("name", "zone", "blockDays", "minimumRestHours", "horizonWeeks", "freezeDays",
							"fairnessWindowDays", "swapUndoHours", "version")),
			Map.entry("layer", List.of("name", "precedence", "days")), Map.entry("slots", List.of("slots")),
			Map.entry("participant", List.of("personId")),
			Map.entry("new rotation", List.of("name", "zone", "slots", "blockDays")),
			Map.entry("handover", List.of("note")), Map.entry("token", List.of("name")),
			Map.entry("time zone", List.of("timeZone")),
			Map.entry("password", List.of("currentPassword", "newPassword", "confirmPassword")),
			Map.entry("notifications", List.of("mail", "leads")), Map.entry("service", List.of("name", "weight")),
			Map.entry("service weight", List.of("weight", "version")), Map.entry("published history", List.of("text")),
			Map.entry("feed", List.of("feed", "rotationId")));

	/** Every query parameter of every page and API read. */
	static final List<String> QUERIES = List.of("/admin/people?q=", "/admin/people?region=", "/admin/people?state=",
			"/availability?month=", "/incidents?month=", "/incidents?service=", "/incidents?severity=",
			"/reports/time-in-lieu?from=", "/reports/time-in-lieu?to=", "/reports/oncall-hours.csv?from=",
			"/reports/oncall-hours.csv?to=", "/rotations/%d?week=", "/rotations/%d?days=", "/rotations/%d?person=",
			"/admin/rotations/%d/fairness?from=", "/admin/rotations/%d/fairness?to=", "/swaps/new?shift=",
			"/login?locked=", "/api/v1/oncall?at=", "/api/v1/shifts?from=", "/api/v1/shifts?to=",
			"/api/v1/shifts?person=", "/api/v1/incidents?month=", "/api/v1/incidents?severity=",
			"/api/v1/incidents?status=", "/api/v1/incidents?service=", "/api/v1/availability?month=");

	/**
	 * Every date, instant and month a form, a query or the API reads, with a value the
	 * field expects.
	 */
	static final List<String> DATE_FIELDS = List.of("person startDate", "time away first", "time away last",
			"incident declaredAt", "incident impactStartedAt", "incident mitigatedAt", "incident resolvedAt",
			"incident pages", "swap partStart", "swap partEnd", "swap deadline");

	static final List<String> EDGE_DATES = List.of("-999999999-01-01", "+999999999-12-31", "0000-01-01", "1000-01-01",
			"+10000-01-01", "9999-12-31", "1900-01-01");

	static final List<String> EDGE_INSTANTS = List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
			"0000-01-01T00:00:00Z", "-000001-12-31T00:00:00Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
			"1900-01-01T00:00:00Z", "-292275055-05-16T16:47:04Z");

	static final List<String> EDGE_MONTHS = List.of("-999999999-01", "+999999999-12", "0000-01", "+10000-01", "9999-12",
			"1900-01");

	static final Map<String, Character> CONTROL_CHARACTERS = Map.of("NUL", '\0', "SOH", '\u0001', "ESC", '\u001b',
			"DEL", '\u007f');

	static final List<String> HUGE_NUMBERS = List.of("1e999999999", "-1e999999999", "1e-999999999",
			"9" + "9".repeat(2000), "1E+2147483647", "0.000000000000000000000000000001", "NaN", "Infinity");

	static Stream<Refused> edges() {
		List<Refused> cases = new ArrayList<>();
		// NUL and other control characters in every form field: one filter refuses them
		// all, naming the field.
		forms().forEach((form, build) -> {
			for (String field : FORM_FIELDS.get(form)) {
				CONTROL_CHARACTERS.forEach(
						(label, c) -> cases.add(new Refused(form + " " + field + " with " + label, Expect.CLIENT_ERROR,
								w -> build.apply(Map.of(field, "edge" + c + "value")).apply(w).with(csrf()))));
			}
		});
		for (String query : QUERIES) {
			CONTROL_CHARACTERS.forEach((label, c) -> cases.add(new Refused("GET " + query + " with " + label,
					Expect.CLIENT_ERROR, w -> edgeGet(w, query, "x" + c))));
			cases.add(new Refused("GET " + query + " NUL alone", Expect.CLIENT_ERROR, w -> edgeGet(w, query, "\0")));
		}
		List<String> jsonStrings = List.of(
				"{\"title\":\"x\\u0000y\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"summary\":\"a\\u0000\"}",
				"{\"title\":\"x\",\"severity\":\"S3\\u0000\",\"declaredAt\":\"2024-02-01T10:00:00Z\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\\u0000\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"eoc\":\"\\u0001\"}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"services\":[{\"name\":\"web\\u0000\"}]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"pages\":[\"2024-02-01T10:00:00Z\\u0000\"]}",
				"{\"title\\u0000\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\"}");
		jsonStrings.forEach(body -> cases.add(new Refused("API incident " + body, Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/incidents"), w, body))));
		cases.add(
				new Refused("API swap message with NUL", Expect.CLIENT_ERROR,
						w -> api(post("/api/v1/swaps"), w, "{\"kind\":\"OPEN_COVER\",\"shiftId\":"
								+ w.s1Shifts.get(7).id() + ",\"message\":\"a\\u0000b\"}")
							.header("Authorization", w.s1Bearer)));
		cases.add(new Refused("API feed with NUL", Expect.CLIENT_ERROR,
				w -> api(post("/api/v1/calendar/feeds"), w, "{\"feed\":\"me\\u0000\"}")));
		// Dates at the edges of what java.time, PostgreSQL and the forms can hold.
		for (String date : EDGE_DATES) {
			cases.add(new Refused("person startDate=" + date, Expect.REFUSED,
					w -> person(post("/admin/people"), Map.of("startDate", date)).with(user(w.coord)).with(csrf())));
			for (String field : List.of("first", "last")) {
				cases.add(new Refused("time away " + field + "=" + date, Expect.REFUSED,
						w -> timeAway(post("/people/{id}/time-away", w.alice.id()), Map.of(field, date))
							.with(user(w.alice))
							.with(csrf())));
			}
			for (String query : List.of("/rotations/%d?week=", "/admin/rotations/%d/fairness?from=",
					"/admin/rotations/%d/fairness?to=", "/reports/time-in-lieu?from=", "/reports/time-in-lieu?to=",
					"/reports/oncall-hours.csv?from=", "/reports/oncall-hours.csv?to=")) {
				cases.add(new Refused("GET " + query + date, Expect.REFUSED, w -> edgeGet(w, query, date)));
			}
		}
		for (String instant : EDGE_INSTANTS) {
			String local = instant.replace("Z", "").replaceAll(":00$|:59$", "");
			for (String field : List.of("declaredAt", "impactStartedAt", "mitigatedAt", "resolvedAt", "pages")) {
				Map<String, String> resolved = new LinkedHashMap<>(Map.of("status", "RESOLVED", "mitigatedAt",
						"2024-02-01T11:00", "resolvedAt", "2024-02-01T12:00"));
				resolved.put(field, local);
				cases.add(new Refused("incident " + field + "=" + local, Expect.REFUSED,
						w -> incident(post("/incidents"), resolved).with(user(w.alice)).with(csrf())));
				cases.add(new Refused("API incident " + field + "=" + instant, Expect.CLIENT_ERROR, w -> api(
						post("/api/v1/incidents"), w,
						"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"" + field
								+ "\":" + (field.equals("pages") ? "[\"" + instant + "\"]" : "\"" + instant + "\"")
								+ "}")));
			}
			for (String field : List.of("partStart", "partEnd", "deadline")) {
				cases.add(new Refused("swap " + field + "=" + local, Expect.REFUSED,
						w -> swap(w, Map.of(field, local)).with(csrf())));
			}
			for (String field : List.of("partStart", "partEnd", "deadline")) {
				cases.add(new Refused("API swap " + field + "=" + instant, Expect.CLIENT_ERROR,
						w -> api(post("/api/v1/swaps"), w, "{\"kind\":\"OPEN_COVER\",\"shiftId\":"
								+ w.s1Shifts.get(7).id() + ",\"" + field + "\":\"" + instant + "\"}")
							.header("Authorization", w.s1Bearer)));
			}
			// The last second of 9999 is the last one accepted: answered, not refused.
			Expect outside = instant.startsWith("9999") ? Expect.REFUSED : Expect.CLIENT_ERROR;
			for (String query : List.of("/api/v1/oncall?at=", "/api/v1/shifts?from=", "/api/v1/shifts?to=")) {
				cases.add(new Refused("GET " + query + instant, outside, w -> edgeGet(w, query, instant)));
			}
		}
		for (String month : EDGE_MONTHS) {
			for (String query : List.of("/availability?month=", "/incidents?month=", "/api/v1/incidents?month=",
					"/api/v1/availability?month=")) {
				cases.add(new Refused("GET " + query + month,
						query.startsWith("/api/") && !month.startsWith("9999") ? Expect.CLIENT_ERROR : Expect.REFUSED,
						w -> edgeGet(w, query, month)));
			}
			cases.add(new Refused("published history for " + month, Expect.REFUSED,
					w -> post("/admin/availability/history").param("text", month + " 99.9")
						.with(user(w.coord))
						.with(csrf())));
		}
		// Numbers with huge exponents or lengths, in JSON and in forms: refused where
		// they are parsed.
		for (String number : HUGE_NUMBERS) {
			boolean json = !number.equals("NaN") && !number.equals("Infinity");
			if (json) {
				cases.add(new Refused("API incident impact " + abbreviated(number), Expect.CLIENT_ERROR, w -> api(
						post("/api/v1/incidents"), w,
						"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"services\":[{\"name\":\"web\",\"impact\":"
								+ number + "}]}")));
				cases.add(new Refused("API incident imocPersonId " + abbreviated(number), Expect.CLIENT_ERROR, w -> api(
						post("/api/v1/incidents"), w,
						"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"imocPersonId\":"
								+ number + "}")));
				cases.add(new Refused("API swap shiftId " + abbreviated(number), Expect.CLIENT_ERROR,
						w -> api(post("/api/v1/swaps"), w, "{\"kind\":\"OPEN_COVER\",\"shiftId\":" + number + "}")));
				cases.add(new Refused("API feed rotationId " + abbreviated(number), Expect.CLIENT_ERROR,
						w -> api(post("/api/v1/calendar/feeds"), w,
								"{\"feed\":\"rotation\",\"rotationId\":" + number + "}")));
			}
			cases.add(new Refused("incident services[0].impact=" + abbreviated(number), Expect.REFUSED,
					w -> incident(post("/incidents"), Map.of("services[0].name", "web", "services[0].impact", number))
						.with(user(w.alice))
						.with(csrf())));
			cases.add(new Refused("service weight " + abbreviated(number), Expect.REFUSED,
					w -> post("/admin/services").param("name", "edge-number")
						.param("weight", number)
						.with(user(w.coord))
						.with(csrf())));
			cases.add(new Refused("service reweigh " + abbreviated(number), Expect.REFUSED,
					w -> post("/admin/services/{id}", w.serviceId).param("weight", number)
						.param("version", String.valueOf(w.serviceVersion))
						.with(user(w.coord))
						.with(csrf())));
			cases.add(new Refused("published history " + abbreviated(number), Expect.REFUSED,
					w -> post("/admin/availability/history").param("text", "2019-01 " + number)
						.with(user(w.coord))
						.with(csrf())));
			for (String field : List.of("blockDays", "minimumRestHours", "horizonWeeks", "swapUndoHours")) {
				cases.add(new Refused("rotation " + field + "=" + abbreviated(number), Expect.REFUSED,
						w -> settings(w, Map.of(field, number)).with(csrf())));
			}
			cases.add(new Refused("person grade=" + abbreviated(number), Expect.REFUSED,
					w -> person(post("/admin/people"), Map.of("grade", number)).with(user(w.coord)).with(csrf())));
			cases.add(new Refused("GET /rotations/%d?days=" + abbreviated(number), Expect.REFUSED,
					w -> edgeGet(w, "/rotations/%d?days=", number)));
		}
		// Bodies of a media type the API does not read, or multipart without a boundary.
		for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data", "application/octet-stream", "application/json; charset=klingon", "*/*", "")) {
			for (String path : List.of("/api/v1/incidents", "/api/v1/swaps", "/api/v1/calendar/feeds")) {
				cases.add(new Refused("POST " + path + " as " + (type.isEmpty() ? "no type" : type),
						Expect.CLIENT_ERROR, w -> {
							MockHttpServletRequestBuilder request = post(path).header("Authorization", w.aliceBearer)
								.content("{\"feed\":\"me\",\"title\":\"x\",\"severity\":\"S3\"}");
							return type.isEmpty() ? request : request.header("Content-Type", type);
						}));
			}
		}
		// A form page may come back as the form with its messages (nothing could be
		// read): anything but a 500.
		for (String path : List.of("/incidents", "/admin/people/import", "/admin/people", "/calendar/feeds")) {
			cases.add(new Refused("POST " + path + " as multipart without a boundary", Expect.REFUSED,
					w -> post(path).header("Content-Type", "multipart/form-data")
						.content("--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--x--\r\n")
						.with(user(w.coord))
						.with(csrf())));
		}
		// Hidden fields that are not numbers.
		for (String value : List.of("abc", "", "-1", "1e99", "99999999999999999999")) {
			cases.add(new Refused("settings version=" + value, Expect.REFUSED,
					w -> settings(w, Map.of("version", value)).with(csrf())));
			cases.add(new Refused("incident edit version=" + value, Expect.REFUSED,
					w -> incident(post("/incidents/{id}", w.incidentId), Map.of("version", value)).with(user(w.alice))
						.with(csrf())));
			cases.add(new Refused("person edit version=" + value, Expect.REFUSED,
					w -> person(post("/admin/people/{id}", w.alice.id()), Map.of("version", value)).with(user(w.coord))
						.with(csrf())));
			cases.add(new Refused("service version=" + value, Expect.REFUSED,
					w -> post("/admin/services/{id}", w.serviceId).param("weight", "3")
						.param("version", value)
						.with(user(w.coord))
						.with(csrf())));
			cases.add(new Refused("feed rotationId=" + value, Expect.REFUSED,
					w -> post("/calendar/feeds").param("feed", "rotation")
						.param("rotationId", value)
						.with(user(w.alice))
						.with(csrf())));
		}
		// Unknown and negative ids on every action, the coordinator's included.
		for (String id : List.of("-1", "0", "999999999", "9223372036854775807", "9223372036854775808", "1.5")) {
			for (String path : List.of("/swaps/%s/approve", "/swaps/%s/reject", "/swaps/%s/accept", "/swaps/%s/decline",
					"/swaps/%s/cancel", "/swaps/%s/undo", "/admin/people/%s/deactivate", "/admin/services/%s",
					"/admin/rotations/%s/extend", "/admin/rotations/%s/settings", "/admin/rotations/%s/slots",
					"/admin/rotations/%s/layers", "/admin/rotations/%s/participants", "/notifications/%s/read",
					"/calendar/feeds/%s/rotate", "/calendar/feeds/%s/revoke", "/profile/tokens/%s/revoke",
					"/handover/%s", "/people/%s/time-away")) {
				cases.add(new Refused("POST " + path.formatted(id), Expect.CLIENT_ERROR,
						w -> post(path.formatted(id)).param("note", "x")
							.param("weight", "1")
							.param("version", "0")
							.param("slots", "05:00-11:00")
							.param("name", "x")
							.param("personId", String.valueOf(w.bob.id()))
							.with(user(w.coord))
							.with(csrf())));
			}
			cases.add(new Refused("POST participant " + id + " removed", Expect.CLIENT_ERROR,
					w -> post("/admin/rotations/{r}/participants/" + id + "/remove", w.rotationId).with(user(w.coord))
						.with(csrf())));
			cases.add(new Refused("POST participant " + id + " added", Expect.CLIENT_ERROR,
					w -> post("/admin/rotations/{r}/participants", w.rotationId).param("personId", id)
						.with(user(w.coord))
						.with(csrf())));
			cases.add(new Refused("POST person with managerId " + id, Expect.REFUSED,
					w -> person(post("/admin/people"), Map.of("managerId", id)).with(user(w.coord)).with(csrf())));
			cases.add(new Refused("POST incident with imocPersonId " + id, Expect.REFUSED,
					w -> incident(post("/incidents"), Map.of("imocPersonId", id)).with(user(w.alice)).with(csrf())));
			for (String path : List.of("/api/v1/swaps/%s/approve", "/api/v1/swaps/%s/reject",
					"/api/v1/swaps/%s/decline")) {
				cases.add(new Refused("POST " + path.formatted(id), Expect.CLIENT_ERROR,
						w -> post(path.formatted(id)).header("Authorization", w.aliceBearer)));
			}
			cases.add(new Refused("DELETE /api/v1/calendar/feeds/" + id, Expect.CLIENT_ERROR,
					w -> delete("/api/v1/calendar/feeds/" + id).header("Authorization", w.aliceBearer)));
			cases.add(new Refused("API swap toPersonId " + id, Expect.CLIENT_ERROR,
					w -> api(post("/api/v1/swaps"), w,
							"{\"kind\":\"COVER\",\"shiftId\":" + w.s1Shifts.get(7).id() + ",\"toPersonId\":" + id + "}")
						.header("Authorization", w.s1Bearer)));
			cases.add(
					new Refused("API swap counterpartShiftId " + id, Expect.CLIENT_ERROR,
							w -> api(post("/api/v1/swaps"), w,
									"{\"kind\":\"SWAP\",\"shiftId\":" + w.s1Shifts.get(7).id()
											+ ",\"counterpartShiftId\":" + id + "}")
								.header("Authorization", w.s1Bearer)));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("edges")
	void inputAtTheEdgesIsA4xxAndWritesNothing(Refused refused) throws Exception {
		refusedInputIsA4xxAndWritesNothing(refused);
	}

	private static MockHttpServletRequestBuilder edgeGet(World w, String query, String value) {
		String path = (query.contains("%d") ? query.formatted(w.rotationId) : query);
		int at = path.indexOf('?');
		String name = path.substring(at + 1, path.length() - 1);
		MockHttpServletRequestBuilder request = get(path.substring(0, at)).param(name, value);
		return query.startsWith("/api/") ? request.header("Authorization", w.aliceBearer)
				: request.with(user(query.startsWith("/admin") || query.startsWith("/reports") ? w.coord : w.alice));
	}

	private static Map<String, String> merged(Map<String, String> base, Map<String, String> overrides) {
		Map<String, String> all = new LinkedHashMap<>(base);
		all.putAll(overrides);
		return all;
	}

	private static String abbreviated(String text) {
		return text.length() > 24 ? text.substring(0, 12) + "…(" + text.length() + " chars)" : text;
	}

	// ---------------------------------------------------------------------------------------------------------
	// Mass assignment: fields nobody may set through these forms stay as they are

	record Protected(String name, Function<World, AbstractMockHttpServletRequestBuilder<?>> request,
			Function<World, Object> field) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Protected> massAssignment() {
		List<Protected> cases = new ArrayList<>();
		Function<World, Object> aliceRole = w -> w.jdbcRole(w.alice.id());
		for (String path : List.of("/profile/time-zone", "/profile/password", "/profile/notifications",
				"/profile/tokens")) {
			cases.add(new Protected(path + " with role=COORDINATOR",
					w -> post(path).param("timeZone", "Europe/Paris")
						.param("currentPassword", "wrong")
						.param("newPassword", "x")
						.param("confirmPassword", "y")
						.param("name", "mass")
						.param("role", "COORDINATOR")
						.param("active", "true")
						.param("id", String.valueOf(w.coord.id()))
						.with(user(w.alice))
						.with(csrf()),
					aliceRole));
		}
		cases.add(new Protected("time away with personId and role",
				w -> timeAway(post("/people/{id}/time-away", w.alice.id()),
						Map.of("first", "2029-03-01", "last", "2029-03-02", "personId", String.valueOf(w.bob.id()),
								"role", "COORDINATOR"))
					.with(user(w.alice))
					.with(csrf()),
				w -> w.jdbcRole(w.alice.id()) + " / bob away " + w.awayCount(w.bob.id())));
		cases.add(new Protected("swap with assigneeId and state",
				w -> swap(w, Map.of("assigneeId", String.valueOf(w.bob.id()), "state", "ACCEPTED", "performNow", "true",
						"requesterId", String.valueOf(w.bob.id()), "shift", String.valueOf(w.s1Shifts.get(9).id())))
					.with(user(w.s1))
					.with(csrf()),
				w -> w.assignee(w.s1Shifts.get(9).id()) + " "
						+ w.swapStates(w.s1Shifts.get(9).id()).contains("ACCEPTED")));
		cases.add(new Protected("API swap with assigneeId and state",
				w -> post("/api/v1/swaps").header("Authorization", w.s1Bearer)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"kind\":\"OPEN_COVER\",\"shiftId\":" + w.s1Shifts.get(10).id() + ",\"assigneeId\":"
							+ w.alice.id() + ",\"state\":\"ACCEPTED\",\"performNow\":true,\"requesterId\":"
							+ w.alice.id() + "}"),
				w -> w.assignee(w.s1Shifts.get(10).id()) + " "
						+ w.swapStates(w.s1Shifts.get(10).id()).contains("ACCEPTED")));
		cases.add(new Protected("incident with id and version of another",
				w -> incident(post("/incidents"),
						Map.of("id", String.valueOf(w.incidentId), "version", "999", "createdAt", "2000-01-01T00:00"))
					.with(user(w.alice))
					.with(csrf()),
				w -> w.incidentRow(w.incidentId)));
		cases.add(new Protected("handover with authorId",
				w -> post("/handover/{id}", w.s1Shifts.get(8).id()).param("note", "mass assignment")
					.param("authorId", String.valueOf(w.bob.id()))
					.param("shiftId", String.valueOf(w.s1Shifts.get(2).id()))
					.with(user(w.coord))
					.with(csrf()),
				w -> w.handoverAuthors(w.bob.id())));
		cases.add(new Protected("token with personId",
				w -> post("/profile/tokens").param("name", "mass")
					.param("personId", String.valueOf(w.bob.id()))
					.with(user(w.alice))
					.with(csrf()),
				w -> w.tokenCount(w.bob.id())));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("massAssignment")
	void fieldsNobodyMaySetStayAsTheyAre(Protected protectedField) throws Exception {
		Object before = protectedField.field().apply(this.w);
		int status = this.mvc.perform(protectedField.request().apply(this.w)).andReturn().getResponse().getStatus();
		assertThat(status).isLessThan(500);
		assertThat(protectedField.field().apply(this.w)).isEqualTo(before);
	}

	// ---------------------------------------------------------------------------------------------------------
	// Helpers

	Map<String, String> snapshot() {
		Map<String, String> rows = new LinkedHashMap<>();
		Map<String, String> tables = new LinkedHashMap<>();
		for (String table : List.of("person", "unavailability", "incident", "incident_service", "incident_page",
				"feed_token", "rotation", "rotation_slot", "rotation_layer", "rotation_participant", "handover_note",
				"service", "app_setting", "notification_preference")) {
			tables.put(table,
					"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from " + table + " t");
		}
		tables.put("access_token",
				"select md5(coalesce(string_agg((t.id, t.person_id, t.name, t.revoked_at)::text, '|' order by t.id), '')) from access_token t");
		tables.put("swap_request",
				"select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from swap_request t where t.deadline is null");
		tables.forEach((table, sql) -> rows.put(table, this.jdbc.queryForObject(sql, String.class)));
		return rows;
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private void ok(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
	}

	/** Posts, expects a redirect, and answers the page it leads to. */
	private String followAs(SignedInPerson who, MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
		String target = result.getResponse().getRedirectedUrl();
		return page(get(target.replaceAll("#.*", "")).with(user(who)));
	}

	private static long idFrom(MvcResult result) {
		String url = result.getResponse().getRedirectedUrl();
		assertThat(url).as("redirect").isNotNull();
		return Long.parseLong(url.replaceAll(".*/(\\d+).*", "$1"));
	}

	private static MockHttpServletRequestBuilder with(MockHttpServletRequestBuilder request, Map<String, String> base,
			Map<String, String> overrides) {
		Map<String, String> params = new LinkedHashMap<>(base);
		params.putAll(overrides);
		params.forEach(request::param);
		return request;
	}

	static MockHttpServletRequestBuilder person(MockHttpServletRequestBuilder request, Map<String, String> overrides) {
		Map<String, String> base = new LinkedHashMap<>();
		base.put("name", "Hostile Person");
		base.put("email", "hostile." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
		base.put("jobTitle", "BACKEND_ENGINEERING_MANAGER");
		base.put("grade", "8");
		base.put("timeZone", "UTC");
		base.put("region", "EMEA");
		base.put("startDate", "2024-02-01");
		base.put("onboardingState", "ACTIVE");
		base.put("role", "MANAGER");
		base.put("active", "true");
		return with(request, base, overrides);
	}

	static MockHttpServletRequestBuilder incident(MockHttpServletRequestBuilder request,
			Map<String, String> overrides) {
		Map<String, String> base = new LinkedHashMap<>();
		base.put("title", "Hostile incident");
		base.put("severity", "S3");
		base.put("status", "ACTIVE");
		base.put("declaredAt", "2024-02-01T10:00");
		base.put("rootCause", "INDETERMINATE");
		base.put("detectedInternally", "true");
		return with(request, base, overrides);
	}

	static MockHttpServletRequestBuilder timeAway(MockHttpServletRequestBuilder request,
			Map<String, String> overrides) {
		return with(request, Map.of("kind", "PTO", "first", "2029-01-05", "last", "2029-01-06", "note", ""), overrides);
	}

	static MockHttpServletRequestBuilder swap(World w, Map<String, String> overrides) {
		Map<String, String> base = new LinkedHashMap<>();
		base.put("shift", String.valueOf(w.s1Shifts.get(7).id()));
		base.put("kind", "OPEN_COVER");
		base.put("message", "");
		return with(post("/swaps"), base, overrides).with(user(w.s1));
	}

	static MockHttpServletRequestBuilder layer(World w, String name, String day) {
		MockHttpServletRequestBuilder request = post("/admin/rotations/{id}/layers", w.rotationId).param("name", name)
			.param("precedence", "3")
			.with(user(w.coord));
		return day == null ? request : request.param("days", day);
	}

	static MockHttpServletRequestBuilder settings(World w, Map<String, String> overrides) {
		Map<String, String> base = new LinkedHashMap<>();
		base.put("name", "Hostile rotation");
		base.put("zone", "UTC");
		base.put("blockDays", "4");
		base.put("minimumRestHours", "8");
		base.put("horizonWeeks", "4");
		base.put("freezeDays", "1");
		base.put("fairnessWindowDays", "90");
		base.put("swapUndoHours", "24");
		base.put("version", "0");
		return with(post("/admin/rotations/{id}/settings", w.rotationId), base, overrides).with(user(w.coord));
	}

	static MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder request, World w, String body) {
		return request.header("Authorization", w.aliceBearer).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	static MockMultipartFile csv(String name, String content) {
		return new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	static String local(Instant instant) {
		return instant.toString().substring(0, 16);
	}

}
