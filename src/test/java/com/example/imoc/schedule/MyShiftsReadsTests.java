package com.example.imoc.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.RecordedStatements;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Region;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /my/shifts} reads no person entity and no holidays while nothing changed (issue
 * 17): the reader's zone and region come from the roster's memory
 * ({@code PersonAccounts.whereabouts}), the work calendar of a zone and region from
 * {@link OwnCalendars}, once per data generation; a changed zone or a new holiday shows
 * on the next view.
 */
@IntegrationTest
@Import(RecordedStatements.class)
class MyShiftsReadsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	PublicHolidays holidays;

	@Autowired
	DataChanges changes;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void theReadersZoneAndHolidaysComeFromMemoryAndFollowChanges() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> staff = this.testRotations.staff(rotation, 4);
		this.maintenance.maintain(rotation.id());
		Person reader = staff.get(0);
		// In a transaction of the application's: its commit moves the generation at once.
		this.transaction.executeWithoutResult(status -> this.jdbc
			.update("update person set region = 'EMEA', time_zone = 'Europe/Berlin' where id = ?", reader.getId()));
		Instant now = Instant.now();
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		// A weekday shift of the reader's, ahead: its first local day becomes a holiday.
		ShiftView weekday = this.shifts
			.ofPerson(reader.getId(), now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(14)))
			.stream()
			.filter(s -> !s.shadow() && s.start().isAfter(now))
			.filter(s -> isWeekday(s.start().atZone(berlin).toLocalDate()))
			.findFirst()
			.orElseThrow();
		LocalDate day = weekday.start().atZone(berlin).toLocalDate();
		this.transaction.executeWithoutResult(
				status -> this.jdbc.update("delete from public_holiday where region = 'EMEA' and day = ?", day));

		String before = page(reader);
		assertThat(before).contains("Times in your zone, <strong>Europe/Berlin</strong>")
			.contains("<dt>on public holidays of your region</dt><dd>0 h</dd>");
		// Nothing changed: neither the person nor the holidays are read again.
		waitQuiet();
		page(reader);
		List<String> sent = RecordedStatements.record(() -> page(reader));
		assertThat(String.join("\n", sent).toLowerCase()).doesNotContain("public_holiday")
			.doesNotContain("from person");

		this.holidays.add(Region.EMEA, day, "A day off for the test");
		String after = page(reader);
		assertThat(after).doesNotContain("<dt>on public holidays of your region</dt><dd>0 h</dd>")
			.containsPattern("<dt>on public holidays of your region</dt><dd>[0-9.]+ h</dd>");

		this.transaction.executeWithoutResult(status -> this.jdbc
			.update("update person set time_zone = 'Asia/Kolkata' where id = ?", reader.getId()));
		assertThat(page(reader)).contains("Times in your zone, <strong>Asia/Kolkata</strong>");
	}

	private static boolean isWeekday(LocalDate day) {
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	private String page(Person reader) throws Exception {
		return this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** Until the set-up's own change notifications have arrived and caches are warm. */
	private void waitQuiet() throws Exception {
		for (int i = 0; i < 50; i++) {
			long stamp = this.changes.stamp();
			Thread.sleep(100);
			if (stamp >= 0 && this.changes.isCurrent(stamp)) {
				return;
			}
		}
	}

}
