package com.example.imoc.swap;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Special coverage days: the coordinator marks a day, its shifts are offered to
 * volunteers while their holders keep them, and a volunteer's hours that day weigh
 * {@code imoc.fairness.special-day-weight} (1.5) in fairness.
 */
@IntegrationTest
class SpecialDayTests {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRequests requests;

	@Autowired
	TestPeople testPeople;

	@Autowired
	AuditLog auditLog;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void onlyTheCoordinatorMarksDaysAndBadInputComesBackWithItsMessageAndWhatWasTyped() throws Exception {
		Planned planned = this.fixtures.planned(6, 2);
		Rotation rotation = planned.rotation();
		SignedInPerson coordinator = TestPeople.signedIn(this.testPeople.coordinator("Holly Days"));
		SignedInPerson manager = TestPeople.signedIn(planned.staff().get(0));
		String page = "/admin/rotations/" + rotation.id() + "/special-days";
		this.mvc.perform(get(page).with(user(manager))).andExpect(status().isForbidden());
		this.mvc.perform(post(page).param("day", "2030-01-01").param("name", "x").with(user(manager)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/rotations/{id}/special-days", Long.MAX_VALUE).with(user(coordinator)))
			.andExpect(status().isNotFound());
		this.mvc.perform(post(page).param("day", "2030-01-01").param("name", "x").with(user(coordinator)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get(page).with(user(coordinator)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("None yet.")));

		this.mvc.perform(post(page).param("day", "2026-13-45").param("name", "").with(user(coordinator)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Enter the day as YYYY-MM-DD."),
					containsString("Name the day"), containsString("value=\"2026-13-45\""))));
		this.mvc.perform(
				post(page).param("day", "2020-01-01").param("name", "Long <gone>").with(user(coordinator)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Choose today or a later day"),
					containsString("value=\"Long &lt;gone&gt;\""))));
		this.mvc
			.perform(post(page).param("day", "2030-01-01")
				.param("name", "a".repeat(121))
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(content().string(containsString("1 to 120 characters")));
		assertThat(this.jdbc.queryForObject("select count(*) from special_coverage_day where rotation_id = ?",
				Integer.class, rotation.id()))
			.isZero();
	}

	@Test
	void aMarkedDaysShiftsGoToVolunteersWhoseHoursWeighMoreWhileHoldersKeepTheRest() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		Person coordinatorPerson = this.testPeople.coordinator("Nora Newyear");
		SignedInPerson coordinator = TestPeople.signedIn(coordinatorPerson);
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(6);
		List<ShiftView> before = onDay(rotation, day);
		assertThat(before).hasSize(5);
		String page = "/admin/rotations/" + rotation.id() + "/special-days";
		this.mvc
			.perform(post(page).param("day", day.toString())
				.param("name", "Company <holiday>")
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(redirectedUrl(page));
		this.mvc.perform(get(page).with(user(coordinator)))
			.andExpect(
					content().string(allOf(containsString(day.toString()), containsString("Company &lt;holiday&gt;"))));
		this.mvc
			.perform(
					post(page).param("day", day.toString()).param("name", "Again").with(user(coordinator)).with(csrf()))
			.andExpect(content().string(containsString("is already a special coverage day")));
		assertThat(this.auditLog.about("rotation", rotation.id())).extracting(e -> e.getAction())
			.contains("special-day.marked");

		for (ShiftView shift : before) {
			SwapRequest offer = this.requests.openForShift(shift.id()).orElseThrow();
			assertThat(offer.kind()).isEqualTo(SwapKind.OPEN_COVER);
			assertThat(offer.specialDayId()).isNotNull();
			assertThat(offer.requesterId()).isEqualTo(shift.assigneeId());
			assertThat(this.fixtures.shift(shift.id()).assigneeId()).as("the holder keeps it meanwhile")
				.isEqualTo(shift.assigneeId());
		}
		assertThat(this.jdbc.queryForObject("select count(*) from notification where recipient_id = ? and kind = ?",
				Integer.class, before.get(0).assigneeId(), "special-day.holder"))
			.isEqualTo(1);

		ShiftView shift = before.get(1);
		SwapRequest offer = this.requests.openForShift(shift.id()).orElseThrow();
		Person volunteer = planned.staff()
			.stream()
			.filter(p -> !p.getId().equals(shift.assigneeId()))
			.filter(p -> this.fixtures.gaps.search(shift, p.getEmail(), null).stream().anyMatch(Gaps.Match::fits))
			.filter(p -> onDay(rotation, day).stream().noneMatch(s -> p.getId().equals(s.assigneeId())))
			.findFirst()
			.orElseThrow();
		this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("week", day.toString())
				.with(user(TestPeople.signedIn(volunteer))))
			.andExpect(content().string(containsString("action=\"/swaps/" + offer.id() + "/accept\"")));
		this.mvc.perform(post("/swaps/{id}/accept", offer.id()).with(user(TestPeople.signedIn(volunteer))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		ShiftView taken = this.fixtures.shift(shift.id());
		assertThat(taken.assigneeId()).isEqualTo(volunteer.getId());
		assertThat(taken.reason()).contains("volunteered on a special coverage day");
		assertThat(this.jdbc.queryForObject("select fairness_weight from shift where id = ?", Double.class, shift.id()))
			.isEqualTo(1.5);

		double volunteered = taken.length().toMinutes() / 60.0;
		double hours = hoursIn(rotation, day, volunteer.getId());
		String fairness = this.mvc
			.perform(get("/admin/rotations/{id}/fairness", rotation.id()).param("from", day.toString())
				.param("to", day.toString())
				.with(user(coordinator)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(fairness).contains("× 1.50");
		assertThat(fairness).containsPattern(row(volunteer, hours + volunteered * 0.5, hours, volunteered));
		Person holder = this.testPeople.find(before.get(0).assigneeId());
		double holderHours = hoursIn(rotation, day, holder.getId());
		assertThat(fairness).containsPattern(row(holder, holderHours, holderHours, 0));

		// A later change of owner is no longer a volunteer's: the weight goes back to 1.
		SwapRequest back = this.swaps.request(coordinator,
				new NewSwap(shift.id(), SwapKind.COVER, null, shift.assigneeId(), null, null, "", null, true, "back"));
		assertThat(back.state()).isEqualTo(SwapState.ACCEPTED);
		assertThat(this.jdbc.queryForObject("select fairness_weight from shift where id = ?", Double.class, shift.id()))
			.isEqualTo(1.0);
	}

	/**
	 * A person's row on the fairness page: load, hours, hours volunteered on special
	 * days.
	 */
	private static Pattern row(Person person, double load, double hours, double volunteered) {
		return Pattern.compile(Pattern.quote(person.getName()) + "</a></td>\\s*<td>" + String.format("%.1f", load)
				+ "</td>\\s*<td>" + String.format("%.1f", hours) + "</td>\\s*<td>" + String.format("%.1f", volunteered)
				+ "</td>");
	}

	/**
	 * The hours a person is on call in the rotation during the day (shifts overlapping
	 * it, as the page counts).
	 */
	private double hoursIn(Rotation rotation, LocalDate day, long personId) {
		return this.fixtures.shifts
			.ofRotation(rotation.id(), day.atStartOfDay(ZoneOffset.UTC).toInstant(),
					day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
			.stream()
			.filter(s -> !s.shadow() && Long.valueOf(personId).equals(s.assigneeId()))
			.mapToLong(s -> s.length().toMinutes())
			.sum() / 60.0;
	}

	private List<ShiftView> onDay(Rotation rotation, LocalDate day) {
		return this.fixtures.shifts
			.ofRotation(rotation.id(), day.atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(1)),
					day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant())
			.stream()
			.filter(s -> !s.shadow() && s.date().equals(day))
			.toList();
	}

}
