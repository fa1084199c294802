package com.example.imoc.people;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.incident.OnCallHours;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Public holidays: seeded per region from the holiday library, edited by the coordinator,
 * counted as holiday work.
 */
@IntegrationTest
class HolidayAdminTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PublicHolidays holidays;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	OnCallHours onCallHours;

	@Test
	void theComingYearsAreSeededPerRegionFromItsCountry() throws Exception {
		int nextYear = LocalDate.now().getYear() + 1;
		// GB for EMEA, US for AMER, AU for APAC (application.yml).
		assertThat(this.holidays.holidaysOf(Region.EMEA)).contains(LocalDate.of(nextYear, 1, 1));
		assertThat(this.holidays.holidaysOf(Region.AMER))
			.contains(LocalDate.of(nextYear, 7, 4).getDayOfWeek().getValue() <= 5 ? LocalDate.of(nextYear, 7, 4)
					: LocalDate.of(nextYear, 1, 1));
		assertThat(this.holidays.holidaysOf(Region.APAC))
			.contains(LocalDate.of(nextYear, 4, 25).getDayOfWeek().getValue() <= 5 ? LocalDate.of(nextYear, 4, 25)
					: LocalDate.of(nextYear, 1, 1));
		assertThat(this.holidays.regions()).extracting(PublicHolidays.RegionCalendar::country)
			.containsExactly("AU", "GB", "US");

		Person coordinator = this.testPeople.coordinator("Cora Holidays");
		this.mvc
			.perform(get("/admin/holidays").param("year", String.valueOf(nextYear))
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Christmas"), containsString("Thanksgiving"),
					containsString("ANZAC"), containsString("holiday library"))));
		// Seeding again adds nothing: each (region, year) is seeded once.
		assertThat(this.holidays.seedComingYears()).isZero();
	}

	@Test
	void theCoordinatorAddsAndRemovesAHolidayAndTimeInLieuFollows() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Adds");
		Person londoner = this.testPeople.manager("Holiday Londoner");
		Rotation rotation = this.testRotations.imocLike(1);
		// Wednesday 11 June 2031, 11:00–15:00 UTC (12:00–16:00 in London).
		shift(rotation, londoner, "2031-06-11T11:00:00Z", "2031-06-11T15:00:00Z");
		assertThat(lieu(londoner).holidayHours()).isZero();

		this.mvc
			.perform(post("/admin/holidays").param("region", "EMEA")
				.param("day", "2031-06-11")
				.param("name", "Company <day>")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/holidays?year=2031"));
		assertThat(lieu(londoner).holidayHours()).isCloseTo(4, within(1e-9));
		assertThat(lieu(londoner).lieuHours()).isCloseTo(5, within(1e-9));
		PublicHolidays.PublicHoliday added = this.holidays.on(Region.EMEA, LocalDate.of(2031, 6, 11)).orElseThrow();
		assertThat(added.fromLibrary()).isFalse();
		assertThat(audited("holiday.added", added.id())).isEqualTo(1);
		this.mvc.perform(get("/admin/holidays").param("year", "2031").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(allOf(containsString("Company &lt;day&gt;"), containsString("added by hand"),
					not(containsString("Company <day>")))));

		this.mvc
			.perform(post("/admin/holidays/{id}/delete", added.id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.holidays.on(Region.EMEA, LocalDate.of(2031, 6, 11))).isEmpty();
		assertThat(audited("holiday.removed", added.id())).isEqualTo(1);
		assertThat(lieu(londoner).holidayHours()).isZero();
	}

	@Test
	void badInputComesBackWithMessagesByTheFieldsAndWhatWasTyped() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Typos");
		this.mvc
			.perform(post("/admin/holidays").param("region", "MARS")
				.param("day", "2031-02-30")
				.param("name", "  ")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(
					allOf(containsString("Choose APAC, EMEA or AMER."), containsString("Enter a date like 2027-05-01."),
							containsString("Enter the holiday&#39;s name."), containsString("value=\"2031-02-30\""))));
		this.mvc
			.perform(post("/admin/holidays").param("region", "EMEA")
				.param("day", "1999-01-01")
				.param("name", "Too old")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a day between")));
		// Control characters are refused for every form before it reaches a controller
		// (web.ControlCharacterFilter).
		this.mvc
			.perform(post("/admin/holidays").param("region", "EMEA")
				.param("day", "2030-01-01")
				.param("name", "Null\u0000day")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isBadRequest());
		int nextYear = LocalDate.now().getYear() + 1;
		this.mvc
			.perform(post("/admin/holidays").param("region", "EMEA")
				.param("day", nextYear + "-01-01")
				.param("name", "New Year again")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("EMEA already has a holiday on " + nextYear + "-01-01"),
					containsString("value=\"New Year again\""))));
		this.mvc
			.perform(post("/admin/holidays/regions/EMEA").param("country", "ZZ-<b>")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Enter a country code the holiday library knows"),
					containsString("value=\"ZZ-&lt;b&gt;\""))));
		this.mvc
			.perform(post("/admin/holidays/regions/MARS").param("country", "GB")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(this.holidays.regions()).extracting(PublicHolidays.RegionCalendar::country)
			.containsExactly("AU", "GB", "US");
	}

	@Test
	void aRegionCanTakeAnotherCountrysHolidays() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Countries");
		LocalDate australiaDay = LocalDate.of(LocalDate.now().getYear() + 1, 1, 26);
		try {
			this.mvc
				.perform(post("/admin/holidays/regions/APAC").param("country", "nz")
					.with(user(TestPeople.signedIn(coordinator)))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
			assertThat(this.holidays.regions()).extracting(PublicHolidays.RegionCalendar::country)
				.containsExactly("NZ", "GB", "US");
			assertThat(this.holidays.holidaysOf(Region.APAC)).doesNotContain(australiaDay)
				.contains(LocalDate.of(australiaDay.getYear(), 12, 25).getDayOfWeek().getValue() <= 5
						? LocalDate.of(australiaDay.getYear(), 12, 25) : LocalDate.of(australiaDay.getYear(), 1, 1));
		}
		finally {
			this.mvc
				.perform(post("/admin/holidays/regions/APAC").param("country", "AU")
					.with(user(TestPeople.signedIn(coordinator)))
					.with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		assertThat(this.holidays.holidaysOf(Region.APAC)).contains(australiaDay);
	}

	@Test
	void onlyTheCoordinatorMayEditAndOnlyWithTheFormsToken() throws Exception {
		Person manager = this.testPeople.manager("Not Coordinating");
		Person coordinator = this.testPeople.coordinator("Cora Tokens");
		this.mvc.perform(get("/admin/holidays").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/holidays").param("region", "EMEA")
				.param("day", "2032-03-03")
				.param("name", "Mine")
				.with(user(TestPeople.signedIn(manager)))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/holidays/regions/EMEA").param("country", "DE")
				.with(user(TestPeople.signedIn(manager)))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/holidays").param("region", "EMEA")
				.param("day", "2032-03-03")
				.param("name", "No token")
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isForbidden());
		assertThat(this.holidays.on(Region.EMEA, LocalDate.of(2032, 3, 3))).isEmpty();
		assertThat(this.holidays.regions()).extracting(PublicHolidays.RegionCalendar::country).contains("GB");
	}

	private com.example.imoc.incident.lieu.PersonHours lieu(Person person) {
		return this.onCallHours.report(LocalDate.of(2031, 6, 1), LocalDate.of(2031, 6, 30))
			.stream()
			.filter(r -> r.person().getId().equals(person.getId()))
			.findFirst()
			.orElseThrow()
			.hours();
	}

	private int audited(String action, long id) {
		return this.jdbc.queryForObject("select count(*) from audit_entry where action = ? and subject_id = ?",
				Integer.class, action, id);
	}

	private void shift(Rotation rotation, Person person, String start, String end) {
		this.jdbc.update("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
				values (?, ?, ?, ?, ?, ?, ?, false)""", rotation.id(),
				rotation.layer("weekdays and weekends").orElseThrow().id(),
				rotation.slots().stream().filter(s -> s.label().equals("11:00-15:00")).findFirst().orElseThrow().id(),
				LocalDate.parse(start.substring(0, 10)), Timestamp.from(Instant.parse(start)),
				Timestamp.from(Instant.parse(end)), person.getId());
	}

}
