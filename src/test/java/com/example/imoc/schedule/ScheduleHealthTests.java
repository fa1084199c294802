package com.example.imoc.schedule;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Schedule health: the figures of a small schedule worked out by hand, the gaps ahead
 * (the assigner's dry run sees time away beyond the planned horizon), and who may read
 * it, as a page and as JSON.
 */
@IntegrationTest
class ScheduleHealthTests {

	private static final List<com.example.imoc.rotation.Rotations.NewRotation.SlotSpec> DAY_SLOT = List
		.of(TestRotations.slot("09:00", "17:00"));

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	Rotations rotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TimeAway timeAway;

	@Autowired
	AccessTokens tokens;

	@Autowired
	JdbcClient jdbc;

	private String bearer(Person person) {
		return "Bearer " + this.tokens.create(person.getId(), "health").secret();
	}

	private Person participant(Rotation rotation, String name, String... preferredSlots) {
		Person person = this.testPeople.manager(name, "UTC");
		if (preferredSlots.length > 0) {
			person.setPreferredSlots(List.of(preferredSlots));
			person = this.people.save(person);
		}
		this.rotations.join(rotation.id(), person.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		return person;
	}

	private void shift(Rotation rotation, LocalDate date, Person owner) {
		this.jdbc.sql("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, reason)
				values (?, ?, ?, ?, ?, ?, ?, 'known schedule')""")
			.params(rotation.id(), rotation.layer("weekdays and weekends").orElseThrow().id(),
					rotation.slots().get(0).id(), date,
					Timestamp.from(date.atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC)),
					Timestamp.from(date.atTime(LocalTime.of(17, 0)).toInstant(ZoneOffset.UTC)),
					owner == null ? null : owner.getId())
			.update();
	}

	/**
	 * Fri 5 – Mon 8 June 2026, one 8-hour slot a day: Ann holds Friday and Saturday, Ben
	 * Sunday, Monday is a gap, and Cat (a participant) holds nothing. Hours 16/8/0,
	 * weekend hours 8/8/0, weighted 20/12/0.
	 */
	@Test
	void theFiguresOfASmallKnownScheduleAreTheHandComputedOnes() throws Exception {
		Rotation rotation = this.testRotations.imocLike("UTC", 1, DAY_SLOT);
		Person ann = participant(rotation, "Ann Known", "09:00-17:00");
		Person ben = participant(rotation, "Ben Known", "23:00-05:00");
		Person cat = participant(rotation, "Cat Known");
		shift(rotation, LocalDate.of(2026, 6, 5), ann);
		shift(rotation, LocalDate.of(2026, 6, 6), ann);
		shift(rotation, LocalDate.of(2026, 6, 7), ben);
		shift(rotation, LocalDate.of(2026, 6, 8), null);

		this.mvc
			.perform(get("/api/v1/rotations/{id}/health", rotation.id()).param("from", "2026-06-05")
				.param("to", "2026-06-08")
				.header("Authorization", bearer(cat)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rotation.id").value(rotation.id()))
			.andExpect(jsonPath("$.rotation.name").value(rotation.name()))
			.andExpect(jsonPath("$.from").value("2026-06-05"))
			.andExpect(jsonPath("$.to").value("2026-06-08"))
			.andExpect(jsonPath("$.zone").value("UTC"))
			// Coverage: 24 of 32 slot-hours held.
			.andExpect(jsonPath("$.coverage.slotHours").value(32.0))
			.andExpect(jsonPath("$.coverage.coveredHours").value(24.0))
			.andExpect(jsonPath("$.coverage.gapHours").value(8.0))
			.andExpect(jsonPath("$.coverage.share").value(0.75))
			// Hours 16, 8, 0: mean 8; Gini = Σ(2i−n+1)x_i / (n² mean) = 32 / 72; balance
			// = (8/16 + 0 + 0) / 3;
			// equity = 100 − 100 · sqrt(128/3) / 8.
			.andExpect(jsonPath("$.fairness.hours.people").value(3))
			.andExpect(jsonPath("$.fairness.hours.mean").value(8.0))
			.andExpect(jsonPath("$.fairness.hours.max").value(16.0))
			.andExpect(jsonPath("$.fairness.hours.gini").value(0.4444))
			.andExpect(jsonPath("$.fairness.hours.balance").value(0.1667))
			.andExpect(jsonPath("$.fairness.hours.equity").value(18.35))
			.andExpect(jsonPath("$.fairness.hours.maxOverMean").value(2.0))
			.andExpect(jsonPath("$.fairness.hours.outliers", hasSize(1)))
			.andExpect(jsonPath("$.fairness.hours.outliers[0].name").value("Ann Known"))
			.andExpect(jsonPath("$.fairness.hours.outliers[0].load").value(16.0))
			// Weighted 20, 12, 0: Gini 40 / 96, max/mean 20 / (32/3).
			.andExpect(jsonPath("$.fairness.weightedHours.gini").value(0.4167))
			.andExpect(jsonPath("$.fairness.weightedHours.maxOverMean").value(1.875))
			.andExpect(jsonPath("$.fairness.weightedHours.outliers[0].id").value(ann.getId()))
			// Weekend 8, 8, 0: Gini 16 / 48; balance (1 + 0 + 0) / 3; both above 1.25 ×
			// 16/3.
			.andExpect(jsonPath("$.fairness.weekendHours.gini").value(0.3333))
			.andExpect(jsonPath("$.fairness.weekendHours.balance").value(0.3333))
			.andExpect(jsonPath("$.fairness.weekendHours.equity").value(29.29))
			.andExpect(jsonPath("$.fairness.weekendHours.outliers", hasSize(2)))
			.andExpect(jsonPath("$.people", hasSize(3)))
			.andExpect(jsonPath("$.people[0].name").value("Ann Known"))
			.andExpect(jsonPath("$.people[0].hours").value(16.0))
			.andExpect(jsonPath("$.people[0].weightedHours").value(20.0))
			.andExpect(jsonPath("$.people[0].weekendHours").value(8.0))
			.andExpect(jsonPath("$.people[0].shifts").value(2))
			.andExpect(jsonPath("$.people[0].blocks").value(1))
			.andExpect(jsonPath("$.people[0].preferredSlotShare").value(1.0))
			.andExpect(jsonPath("$.people[1].id").value(ben.getId()))
			.andExpect(jsonPath("$.people[1].preferredSlotShare").value(0.0))
			.andExpect(jsonPath("$.people[2].id").value(cat.getId()))
			.andExpect(jsonPath("$.people[2].hours").value(0.0))
			.andExpect(jsonPath("$.people[2].preferredSlotShare").value(nullValue()))
			// Preferred slots: 16 of the 24 hours held by Ann and Ben, who chose slots.
			.andExpect(jsonPath("$.preferredSlots.people").value(2))
			.andExpect(jsonPath("$.preferredSlots.hours").value(24.0))
			.andExpect(jsonPath("$.preferredSlots.preferredHours").value(16.0))
			.andExpect(jsonPath("$.preferredSlots.share").value(0.6667))
			.andExpect(jsonPath("$.gapsAhead.stored").isNumber())
			.andExpect(jsonPath("$.gapsAhead.forecast").isNumber());

		this.mvc
			.perform(get("/rotations/{id}/health", rotation.id()).param("from", "2026-06-05")
				.param("to", "2026-06-08")
				.with(user(TestPeople.signedIn(ann))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("75.00 %"), containsString("Gini"),
					containsString("published up to <strong>Monday " + LocalDate.ofInstant(
							this.rotations.publishedUntil(rotation.id()).orElseThrow(), ZoneOffset.UTC) + " 00:00 UTC"),
					containsString("Coverage = hours of the period"), containsString("Ann Known (16.0 h)"),
					containsString("0.4444"), containsString("Preferred-slot share = hours in the slots"))))
			// The load table (fragments/load.html): hours, weighted, weekend, holiday
			// hours,
			// shifts, blocks, preferred-slot share.
			.andExpect(content()
				.string(matchesPattern("(?s).*<table id=\"people\">.*Ann Known</a></td>\\s*<td>16\\.0</td>"
						+ "\\s*<td>20\\.0</td>\\s*<td>8\\.0</td>\\s*<td>0\\.0</td>\\s*<td>2</td>\\s*<td>1</td>\\s*<td>100 %</td>.*")));
	}

	@Test
	void gapsAheadForeseeTimeAwayEnteredBeyondThePlannedHorizon() throws Exception {
		Rotation rotation = this.testRotations.imocLike("UTC", 2, DAY_SLOT);
		Person only = participant(rotation, "Only Person");
		this.maintenance.maintain(rotation.id());
		this.mvc.perform(get("/api/v1/rotations/{id}/health", rotation.id()).header("Authorization", bearer(only)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.gapsAhead.stored").value(0))
			.andExpect(jsonPath("$.gapsAhead.forecast").value(0));

		LocalDate away = LocalDate.now(ZoneOffset.UTC).plusWeeks(20);
		this.timeAway.add(TestPeople.signedIn(only), only.getId(), Unavailability.Kind.PTO, away, away.plusDays(1),
				"beyond the horizon");

		this.mvc.perform(get("/api/v1/rotations/{id}/health", rotation.id()).header("Authorization", bearer(only)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.gapsAhead.stored").value(0))
			.andExpect(jsonPath("$.gapsAhead.forecast").value(2))
			.andExpect(jsonPath("$.gapsAhead.gaps", hasSize(2)))
			.andExpect(jsonPath("$.gapsAhead.gaps[0].date").value(away.toString()))
			.andExpect(jsonPath("$.gapsAhead.gaps[0].planned").value(true))
			.andExpect(jsonPath("$.gapsAhead.gaps[0].shiftId").value(nullValue()))
			.andExpect(jsonPath("$.gapsAhead.gaps[1].date").value(away.plusDays(1).toString()));
		// A dry run: nothing was written beyond the horizon.
		this.mvc
			.perform(get("/api/v1/shifts").param("from", away.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
				.param("to", away.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
				.param("person", String.valueOf(only.getId()))
				.header("Authorization", bearer(only)))
			.andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void theApiAnswersMembersAndTheCoordinatorAndRefusesEveryoneElseClearly() throws Exception {
		Rotation rotation = this.testRotations.imocLike("UTC", 1, DAY_SLOT);
		Person member = participant(rotation, "Health Member");
		Person outsider = this.testPeople.manager("Health Outsider");
		Person coordinator = this.testPeople.coordinator("Health Coordinator");
		String path = "/api/v1/rotations/" + rotation.id() + "/health";
		this.mvc.perform(get(path)).andExpect(status().isUnauthorized());
		this.mvc.perform(get(path).header("Authorization", bearer(outsider)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").isString());
		this.mvc.perform(get(path).header("Authorization", bearer(coordinator))).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/rotations/987654321/health").header("Authorization", bearer(coordinator)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("No rotation with id 987654321."));
		this.mvc.perform(get(path).param("from", "yesterday").header("Authorization", bearer(member)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.from").value(containsString("\"yesterday\" is not a date")));
		this.mvc.perform(
				get(path).param("from", "2026-06-10").param("to", "2026-06-01").header("Authorization", bearer(member)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.to").value("The end date 2026-06-01 is before the start date 2026-06-10."));
		this.mvc.perform(
				get(path).param("from", "2020-01-01").param("to", "2026-06-01").header("Authorization", bearer(member)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.to").value(containsString("at most 731 days")));
		this.mvc.perform(get(path).header("Authorization", bearer(member)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value(LocalDate.now(ZoneOffset.UTC).minusDays(90).toString()))
			.andExpect(jsonPath("$.to").value(LocalDate.now(ZoneOffset.UTC).plusDays(90).toString()))
			.andExpect(jsonPath("$.publishedUntil").isString())
			.andExpect(jsonPath("$.generatedAt").isString());
	}

	@Test
	void thePageComesBackWithTheTypedDatesAndTheReasonAndIsForMembersOnly() throws Exception {
		Rotation rotation = this.testRotations.imocLike("UTC", 1, DAY_SLOT);
		Person member = participant(rotation, "Page Member");
		Person outsider = this.testPeople.manager("Page Outsider");
		this.mvc
			.perform(get("/rotations/{id}/health", rotation.id()).param("from", "2026-13-40")
				.param("to", "<b>soon</b>")
				.with(user(TestPeople.signedIn(member))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("value=\"2026-13-40\""),
					containsString("value=\"&lt;b&gt;soon&lt;/b&gt;\""), containsString("id=\"from-error\""),
					containsString("id=\"to-error\""), containsString("is not a date; write it as YYYY-MM-DD"))));
		this.mvc.perform(get("/rotations/{id}/health", rotation.id()).with(user(TestPeople.signedIn(outsider))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/rotations/{id}", rotation.id()).with(user(TestPeople.signedIn(member))))
			.andExpect(content().string(containsString("/rotations/" + rotation.id() + "/health")));
		this.mvc.perform(get("/rotations/{id}", rotation.id()).with(user(TestPeople.signedIn(outsider))))
			.andExpect(content().string(not(containsString("/rotations/" + rotation.id() + "/health"))));
	}

}
