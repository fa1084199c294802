package com.example.imoc.pagerduty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.LocalApi;
import com.example.imoc.MutableClock;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationSlot;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A PagerDuty schedule and its overrides, as PagerDuty's REST API returns them (samples
 * under {@code src/test/resources/pagerduty}), previewed and imported by the coordinator;
 * the rotation, its people and the covers checked in the database.
 */
class PagerDutyImportTests extends ExternalApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Rotations rotations;

	@Autowired
	Shifts shifts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aScheduleIsPreviewedThenImportedWithItsSlotsPeopleAndFutureOverridesAsCovers() throws Exception {
		this.clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		Map<String, Person> people = roster();
		Person coordinator = this.testPeople.coordinator("Cody Pager");
		String schedule = withEmails(resource("schedule.json"), people);
		String overrides = resource("overrides.json");

		this.mvc
			.perform(post("/admin/pagerduty/preview").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("schedule", schedule)
				.param("overrides", overrides))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Platform IMOC")))
			.andExpect(content().string(containsString("01:00-05:00")))
			.andExpect(content().string(containsString("13:00-17:00")))
			.andExpect(content().string(containsString(
					"Cleo Charlie &lt;cleo.charlie@elsewhere.example&gt;: nobody on the roster has this email")))
			.andExpect(content().string(containsString("Dan Delta (PDDDDD4): the JSON has no email")))
			.andExpect(content().string(containsString("1 override(s) already started or over are left out.")))
			.andExpect(content().string(containsString("Bert Bravo: 2026-12-10T01:00:00Z to 2026-12-10T05:00:00Z")));
		assertThat(this.rotations.findByName("Platform IMOC")).isEmpty();

		String name = "Imported IMOC " + UUID.randomUUID().toString().substring(0, 6);
		this.mvc
			.perform(post("/admin/pagerduty/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("schedule", schedule)
				.param("overrides", overrides)
				.param("name", name))
			.andExpect(status().is3xxRedirection());

		Rotation rotation = this.rotations.findByName(name).orElseThrow();
		assertThat(rotation.zone().getId()).isEqualTo("UTC");
		assertThat(rotation.blockDays()).isEqualTo(4);
		assertThat(rotation.slots()).extracting(RotationSlot::label).containsExactly("01:00-05:00", "13:00-17:00");
		assertThat(rotation.layer("Weekdays and weekends").orElseThrow().days())
			.isEqualTo(EnumSet.allOf(DayOfWeek.class));
		assertThat(rotation.layer("Weekdays only").orElseThrow().days())
			.isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
		long allDays = rotation.layer("Weekdays and weekends").orElseThrow().id();
		long weekdays = rotation.layer("Weekdays only").orElseThrow().id();
		assertThat(this.rotations.participants(rotation.id())).extracting(Participant::personId, Participant::layerId)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(people.get("alma").getId(), allDays),
					org.assertj.core.groups.Tuple.tuple(people.get("bert").getId(), allDays),
					org.assertj.core.groups.Tuple.tuple(people.get("fay").getId(), allDays),
					org.assertj.core.groups.Tuple.tuple(people.get("gus").getId(), allDays),
					org.assertj.core.groups.Tuple.tuple(people.get("eva").getId(), weekdays));

		assertThat(holderAt(rotation, "2026-12-10T01:00:00Z")).isEqualTo(people.get("bert").getId());
		assertThat(holderAt(rotation, "2026-12-10T04:59:00Z")).isEqualTo(people.get("bert").getId());
		assertThat(holderAt(rotation, "2026-12-11T14:00:00Z")).isEqualTo(people.get("alma").getId());
		assertThat(holderAt(rotation, "2026-12-11T15:59:00Z")).isEqualTo(people.get("alma").getId());
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_entry where action = 'rotation.created' and subject_id = ? and details like '%PagerDuty%'",
				Integer.class, rotation.id()))
			.isEqualTo(1);
	}

	@Test
	void unreadableJsonComesBackAsTypedWithTheReasonBesideTheField() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cody Typo");
		this.mvc
			.perform(post("/admin/pagerduty/preview").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("schedule", "{\"schedule\": {\"name\": \"Half <b>typed</b>\"")
				.param("overrides", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This is not valid JSON")))
			.andExpect(content().string(containsString("Half &lt;b&gt;typed&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("<b>typed</b>"))));
		this.mvc
			.perform(post("/admin/pagerduty/preview").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("schedule", resource("schedule.json"))
				.param("overrides", "{\"overrides\": {\"oops\": 1}}"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("an object with an &quot;overrides&quot; list")));
		this.mvc
			.perform(post("/admin/pagerduty/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("schedule", resource("schedule.json"))
				.param("name", "IMOC"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("There is already a rotation called &quot;IMOC&quot;.")));
		this.mvc
			.perform(post("/admin/pagerduty/preview").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("schedule", "x".repeat(PagerDutyImport.MAX_JSON_CHARS + 1)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("longer than any schedule")));
	}

	@Test
	void aScheduleIsFetchedWithAnApiKeyAndTheKeyIsNeverShownBack() throws Exception {
		this.clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		Map<String, Person> people = roster();
		String key = "pd-read-only-key-42";
		API.route("/schedules/PI7DH85",
				r -> authorised(r, key) ? LocalApi.Answer.json(resource("schedule.json"), Map.of()) : refused());
		API.route("/schedules/PI7DH85/overrides",
				r -> authorised(r, key) ? LocalApi.Answer.json(resource("overrides.json"), Map.of()) : refused());
		Map<String, String> ids = Map.of("PAAAAA1", "alma", "PBBBBB2", "bert", "PFFFFF6", "fay", "PGGGGG7", "gus",
				"PEEEEE5", "eva");
		ids.forEach((id, who) -> API.route("/users/" + id,
				r -> authorised(r, key) ? LocalApi.Answer.json("{\"user\": {\"id\": \"" + id + "\", \"name\": \""
						+ people.get(who).getName() + "\", \"email\": \"" + people.get(who).getEmail() + "\"}}",
						Map.of()) : refused()));
		Person coordinator = this.testPeople.coordinator("Cody Fetch");
		this.mvc
			.perform(post("/admin/pagerduty/fetch").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("scheduleId", "PI7DH85")
				.param("token", key))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(people.get("alma").getEmail())))
			.andExpect(content().string(containsString("Cleo Charlie (PCCCCC3): the JSON has no email")))
			.andExpect(content().string(not(containsString(key))));
		assertThat(API.received("/schedules/PI7DH85").get(0).header("Authorization")).isEqualTo("Token token=" + key);
		assertThat(API.received("/schedules/PI7DH85/overrides").get(0).uri().getQuery())
			.contains("since=2026-11-30T09:00:00Z");

		this.mvc
			.perform(post("/admin/pagerduty/fetch").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("scheduleId", "PI7DH85")
				.param("token", "wrong-key-123"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("PagerDuty refused the token (401)")))
			.andExpect(content().string(not(containsString("wrong-key-123"))));
	}

	@Test
	void onlyTheCoordinatorImportsAndFormsNeedTheirCsrfToken() throws Exception {
		Person manager = this.testPeople.manager("Mo Manager");
		this.mvc.perform(get("/admin/pagerduty").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/pagerduty/import").with(user(TestPeople.signedIn(manager)))
				.with(csrf())
				.param("schedule", resource("schedule.json"))
				.param("name", "Sneaky"))
			.andExpect(status().isForbidden());
		Person coordinator = this.testPeople.coordinator("Cody Csrf");
		this.mvc
			.perform(post("/admin/pagerduty/import").with(user(TestPeople.signedIn(coordinator)))
				.param("schedule", resource("schedule.json"))
				.param("name", "No token"))
			.andExpect(status().isForbidden());
		assertThat(this.rotations.findByName("Sneaky")).isEmpty();
		assertThat(this.rotations.findByName("No token")).isEmpty();
		// Found beside "New rotation", by the coordinator only.
		this.mvc.perform(get("/rotations").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(containsString("href=\"/admin/pagerduty\"")));
		this.mvc.perform(get("/rotations").with(user(TestPeople.signedIn(manager))))
			.andExpect(content().string(not(containsString("/admin/pagerduty"))));
	}

	private Map<String, Person> roster() {
		return Map.of("alma", this.testPeople.manager("Alma Alpha"), "bert", this.testPeople.manager("Bert Bravo"),
				"fay", this.testPeople.manager("Fay Foxtrot"), "gus", this.testPeople.manager("Gus Golf"), "eva",
				this.testPeople.manager("Eva Echo"));
	}

	private static String withEmails(String json, Map<String, Person> people) {
		String out = json;
		for (Map.Entry<String, Person> e : people.entrySet()) {
			out = out.replace("{{" + e.getKey() + "}}", e.getValue().getEmail());
		}
		return out;
	}

	private Long holderAt(Rotation rotation, String at) {
		Instant instant = Instant.parse(at);
		List<ShiftView> running = this.shifts.ofRotation(rotation.id(), instant, instant.plusSeconds(1))
			.stream()
			.filter(s -> !s.shadow())
			.toList();
		assertThat(running).as("live shifts at " + at).hasSize(1);
		return running.get(0).assigneeId();
	}

	private static boolean authorised(LocalApi.Received request, String key) {
		return ("Token token=" + key).equals(request.header("Authorization"));
	}

	private static LocalApi.Answer refused() {
		return new LocalApi.Answer(401, Map.of(), "{\"error\": {\"message\": \"Unauthorized\", \"code\": 2006}}");
	}

	private static String resource(String name) {
		try (InputStream in = PagerDutyImportTests.class.getResourceAsStream("/pagerduty/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
