package com.example.imoc.schedule;

import com.example.imoc.MutableClock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The schedule judges weekend work in each person's own zone, the same way for shifts
 * still planned and shifts that have become history, and a weekdays-only contract binds
 * the assigner and repair whatever the person's layer.
 */
@IntegrationTest
class OwnWeekendMaintenanceTests {

	private static final Pattern LOAD = Pattern.compile("(\\d+h(?:\\d+m)?) on call \\((\\d+h(?:\\d+m)?) weekend");

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Rotations rotations;

	@Autowired
	PersonRepository people;

	@Autowired
	Roster roster;

	@Autowired
	TimeAway timeAway;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	PublicHolidays holidays;

	@Autowired
	Shifts shifts;

	@Autowired
	MockMvc mvc;

	@Test
	void aFridayNightShiftWeighsTheSameWeekendHoursPlannedAndAsHistory() {
		Rotation rotation = this.testRotations.imocLike(1);
		Person berliner = this.testPeople.manager("Weekend Berliner", "Europe/Berlin");
		this.rotations.join(rotation.id(), berliner.getId(), allDays(rotation));
		// Friday 8 January 2027, 23:00–05:00 UTC: Saturday 00:00–06:00 in Berlin, six
		// weekend hours there (five in
		// UTC, none by the rotation's date).
		insert(rotation, "23:00-05:00", "2027-01-08T23:00:00Z", "2027-01-09T05:00:00Z", berliner.getId());
		long firstGap = insert(rotation, "11:00-15:00", "2027-01-06T11:00:00Z", "2027-01-06T15:00:00Z", null);
		MutableClock clock = new MutableClock(Instant.parse("2027-01-05T11:00:00Z"));
		ScheduleMaintenance maintenance = maintenance(clock);

		// Day 1: the Friday night is still ahead (planned); the gap at the end of the
		// freeze window goes to the
		// Berliner, whose load the reason states.
		run(() -> maintenance.repair(rotation.id()));
		String planned = reason(firstGap);
		assertThat(planned).contains("gap filled");

		// A week later the Friday night is history; the next gap at the end of the freeze
		// window goes to them too.
		clock.set(Instant.parse("2027-01-12T11:00:00Z"));
		long secondGap = insert(rotation, "11:00-15:00", "2027-01-13T11:00:00Z", "2027-01-13T15:00:00Z", null);
		run(() -> maintenance.repair(rotation.id()));
		String history = reason(secondGap);
		assertThat(history).contains("gap filled");

		assertThat(load(planned)).containsExactly("6h", "6h");
		assertThat(load(history)).containsExactly("10h", "6h");
	}

	@Test
	void myShiftsCountsWeekendAndHolidayHoursInTheHoldersOwnCalendar() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person berliner = this.testPeople.manager("My Shifts Berliner", "Europe/Berlin");
		this.rotations.join(rotation.id(), berliner.getId(), allDays(rotation));
		insert(rotation, "23:00-05:00", "2027-01-08T23:00:00Z", "2027-01-09T05:00:00Z", berliner.getId());
		// Friday 1 January 2027 (New Year's Day, a GB holiday for EMEA) 11:00–15:00 UTC =
		// 12:00–16:00 in Berlin.
		insert(rotation, "11:00-15:00", "2027-01-01T11:00:00Z", "2027-01-01T15:00:00Z", berliner.getId());

		this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(berliner))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<dt>of which at weekends (yours)</dt><dd>6 h</dd>")))
			.andExpect(content().string(containsString("<dt>on public holidays of your region</dt><dd>4 h</dd>")));
	}

	@Test
	void weekdaysOnlyPeopleNeverHoldALocalWeekendHourInTheirOwnZone() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 6);
		Person berliner = weekdaysOnly("Contract Berliner", "Europe/Berlin", rotation);
		Person sydneysider = weekdaysOnly("Contract Sydneysider", "Australia/Sydney", rotation);
		ScheduleMaintenance maintenance = maintenance(new MutableClock(Instant.parse("2027-02-01T06:00:00Z")));

		run(() -> maintenance.maintain(rotation.id()));

		List<ShiftView> planned = this.shifts.ofRotation(rotation.id(), Instant.parse("2027-01-31T00:00:00Z"),
				Instant.parse("2027-02-20T00:00:00Z"));
		assertNoLocalWeekend(planned, berliner);
		assertNoLocalWeekend(planned, sydneysider);
	}

	@Test
	void repairTakesFridayNightsFromSomeoneWhoseContractBecameWeekdaysOnly() {
		Rotation rotation = this.testRotations.imocLike(1);
		this.testRotations.staff(rotation, 3);
		Person berliner = this.testPeople.manager("Soon Weekdays Berliner", "Europe/Berlin");
		this.rotations.join(rotation.id(), berliner.getId(), allDays(rotation));
		long fridayNight = insert(rotation, "23:00-05:00", "2027-03-05T23:00:00Z", "2027-03-06T05:00:00Z",
				berliner.getId());
		// Sunday 23:00 UTC is Monday 00:00 in Berlin: a weekday there, so the shift stays
		// theirs.
		long sundayNight = insert(rotation, "23:00-05:00", "2027-03-07T23:00:00Z", "2027-03-08T05:00:00Z",
				berliner.getId());
		ScheduleMaintenance maintenance = maintenance(new MutableClock(Instant.parse("2027-03-01T06:00:00Z")));
		run(() -> maintenance.repair(rotation.id()));
		assertThat(this.shifts.find(fridayNight).orElseThrow().assigneeId()).isEqualTo(berliner.getId());

		Person changed = this.people.findById(berliner.getId()).orElseThrow();
		changed.setWeekdaysOnly(true);
		this.people.save(changed);
		run(() -> maintenance.repair(rotation.id()));

		ShiftView moved = this.shifts.find(fridayNight).orElseThrow();
		assertThat(moved.assigneeId()).isNotNull().isNotEqualTo(berliner.getId());
		assertThat(moved.reason()).contains("weekdays-only contract");
		assertThat(this.shifts.find(sundayNight).orElseThrow().assigneeId()).isEqualTo(berliner.getId());
	}

	private Person weekdaysOnly(String name, String zone, Rotation rotation) {
		Person person = this.testPeople.manager(name, zone);
		person.setWeekdaysOnly(true);
		person = this.people.save(person);
		this.rotations.join(rotation.id(), person.getId(), allDays(rotation));
		return person;
	}

	private void assertNoLocalWeekend(List<ShiftView> planned, Person person) {
		WorkCalendar own = WorkCalendar.of(ZoneId.of(person.getTimeZone()), Set.of());
		List<ShiftView> theirs = planned.stream()
			.filter(s -> !s.shadow() && Long.valueOf(person.getId()).equals(s.assigneeId()))
			.toList();
		assertThat(theirs).as(person.getName())
			.isNotEmpty()
			.allSatisfy(
					s -> assertThat(own.hours(s.start(), s.end()).weekend()).as(s.date() + " " + s.slot()).isZero());
	}

	private static long allDays(Rotation rotation) {
		return rotation.layer("weekdays and weekends").orElseThrow().id();
	}

	private long insert(Rotation rotation, String slot, String start, String end, Long assignee) {
		long slotId = rotation.slots().stream().filter(s -> s.label().equals(slot)).findFirst().orElseThrow().id();
		return this.jdbc.queryForObject("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
				                   reason)
				values (?, ?, ?, ?, ?, ?, ?, false, 'test') returning id""", Long.class, rotation.id(),
				allDays(rotation), slotId, LocalDate.parse(start.substring(0, 10)),
				Timestamp.from(Instant.parse(start)), Timestamp.from(Instant.parse(end)), assignee);
	}

	private String reason(long shiftId) {
		return this.shifts.find(shiftId).orElseThrow().reason();
	}

	/** The on-call and weekend hours a reason states for the person picked. */
	private static List<String> load(String reason) {
		Matcher matcher = LOAD.matcher(reason);
		assertThat(matcher.find()).as(reason).isTrue();
		return List.of(matcher.group(1), matcher.group(2));
	}

	private ScheduleMaintenance maintenance(Clock clock) {
		return new ScheduleMaintenance(this.rotations, this.roster, this.timeAway, this.jdbcClient, this.jdbc,
				this.auditLog, this.events, clock, this.holidays);
	}

	private void run(Runnable work) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> work.run());
	}

}
