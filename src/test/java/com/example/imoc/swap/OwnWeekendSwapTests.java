package com.example.imoc.swap;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.incident.OnCallHours;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Swaps judge weekend work in the receiver's own zone, and the swap preview, the fairness
 * table and time in lieu give the same weekend and holiday hours for the same shift.
 */
@IntegrationTest
class OwnWeekendSwapTests {

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Rotations rotations;

	@Autowired
	PersonRepository people;

	@Autowired
	Shifts shifts;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRules rules;

	@Autowired
	OnCallHours onCallHours;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	void aWeekdaysOnlyPersonCannotTakeAShiftThatIsTheirSaturday() {
		Rotation rotation = this.testRotations.imocLike(1);
		Person holder = this.testRotations.staff(rotation, 1).get(0);
		Person berliner = weekdaysOnly("Swap Berliner", "Europe/Berlin", rotation);
		Person sydneysider = weekdaysOnly("Swap Sydneysider", "Australia/Sydney", rotation);
		// Friday 8 January 2027 in UTC: 23:00–05:00 is Saturday 00:00–06:00 in Berlin;
		// 19:00–23:00 is Saturday
		// 06:00–10:00 in Sydney.
		ShiftView fridayNight = insert(rotation, "23:00-05:00", "2027-01-08T23:00:00Z", "2027-01-09T05:00:00Z", holder);
		ShiftView fridayEvening = insert(rotation, "19:00-23:00", "2027-01-15T19:00:00Z", "2027-01-15T23:00:00Z",
				holder);
		// Sunday 23:00 UTC is Monday 00:00 in Berlin.
		ShiftView sundayNight = insert(rotation, "23:00-05:00", "2027-01-17T23:00:00Z", "2027-01-18T05:00:00Z", holder);

		assertThat(messages(fridayNight, berliner)).anyMatch(
				m -> m.contains("weekdays-only contract") && m.contains("Saturdays") && m.contains("Europe/Berlin"));
		assertThat(messages(fridayEvening, sydneysider))
			.anyMatch(m -> m.contains("weekdays-only contract") && m.contains("Australia/Sydney"));
		assertThat(messages(sundayNight, berliner)).isEmpty();
		assertThat(messages(fridayEvening, berliner)).isEmpty();
	}

	@Test
	void thePreviewTheFairnessTableAndTimeInLieuAgreeOnOneShift() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person holder = this.testRotations.staff(rotation, 1).get(0);
		Person receiver = this.testRotations.staff(rotation, 1).get(0);
		// Both in Europe/London (UTC in December), region EMEA, whose holidays come from
		// GB: Sunday 27 December
		// 2026 23:00 to Monday 05:00 is one weekend hour and five hours of Boxing Day
		// (observed on the Monday).
		ShiftView shift = insert(rotation, "23:00-05:00", "2026-12-27T23:00:00Z", "2026-12-28T05:00:00Z", holder);

		SwapRules.Check check = this.rules.check();
		SwapRules.Load gains = check.load(receiver.getId(),
				List.of(SwapRules.Move.whole(shift, receiver.getId(), null)), List.of(), null, null);
		SwapRules.Load gives = check.load(holder.getId(), List.of(), List.of(shift), null, null);
		assertThat(gains.weekendAfter() - gains.weekendBefore()).isCloseTo(1, within(1e-9));
		assertThat(gains.holidayAfter() - gains.holidayBefore()).isCloseTo(5, within(1e-9));
		assertThat(gives.weekendBefore() - gives.weekendAfter()).isCloseTo(1, within(1e-9));
		assertThat(gives.holidayBefore() - gives.holidayAfter()).isCloseTo(5, within(1e-9));
		// The preview's weighted hours are the fairness formula's (FairnessLoad): 6 h
		// plus half of the 6 weekend and holiday hours.
		assertThat(gains.weightedAfter() - gains.weightedBefore()).isCloseTo(9, within(1e-9));
		assertThat(gives.weightedBefore() - gives.weightedAfter()).isCloseTo(9, within(1e-9));

		Person coordinator = this.testPeople.coordinator("Cora Fairness");
		String page = this.mvc
			.perform(get("/admin/rotations/{id}/fairness", rotation.id()).param("from", "2026-12-27")
				.param("to", "2026-12-28")
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher row = Pattern
			// Columns: load, hours, volunteered on special days, weekend hours, holiday
			// hours.
			.compile(Pattern.quote(holder.getName())
					+ "</a></td>\\s*<td>[\\d.]+</td>\\s*<td>([\\d.]+)</td>\\s*<td>[\\d.]+</td>"
					+ "\\s*<td>([\\d.]+)</td>\\s*<td>([\\d.]+)</td>")
			.matcher(page);
		assertThat(row.find()).as(page).isTrue();
		assertThat(List.of(row.group(1), row.group(2), row.group(3))).containsExactly("6.0", "1.0", "5.0");

		OnCallHours.Row lieu = this.onCallHours.report(LocalDate.of(2026, 12, 27), LocalDate.of(2026, 12, 28))
			.stream()
			.filter(r -> r.person().getId().equals(holder.getId()))
			.findFirst()
			.orElseThrow();
		assertThat(lieu.hours().weekendHours()).isCloseTo(1, within(1e-9));
		assertThat(lieu.hours().holidayHours()).isCloseTo(5, within(1e-9));
		assertThat(lieu.hours().lieuHours()).isCloseTo(6 * 1.25, within(1e-9));
	}

	private Person weekdaysOnly(String name, String zone, Rotation rotation) {
		Person person = this.testPeople.manager(name, zone);
		person.setWeekdaysOnly(true);
		person = this.people.save(person);
		this.rotations.join(rotation.id(), person.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		return person;
	}

	private ShiftView insert(Rotation rotation, String slot, String start, String end, Person assignee) {
		long slotId = rotation.slots().stream().filter(s -> s.label().equals(slot)).findFirst().orElseThrow().id();
		long id = this.jdbc.queryForObject("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
				                   reason)
				values (?, ?, ?, ?, ?, ?, ?, false, 'test') returning id""", Long.class, rotation.id(),
				rotation.layer("weekdays and weekends").orElseThrow().id(), slotId,
				LocalDate.parse(start.substring(0, 10)), Timestamp.from(Instant.parse(start)),
				Timestamp.from(Instant.parse(end)), assignee.getId());
		return this.shifts.find(id).orElseThrow();
	}

	private List<String> messages(ShiftView shift, Person to) {
		NewSwap cover = new NewSwap(shift.id(), SwapKind.COVER, null, to.getId(), null, null, "", null, false, null);
		return this.swaps.validate(SwapFixtures.holder(shift), cover).stream().map(SwapRefused::getMessage).toList();
	}

}
