package com.example.imoc.people;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The person form and the time away form come back, when rejected, with every value as
 * typed and the message beside its field, marked for assistive technology
 * (docs/ARCHITECTURE.md, "Forms").
 */
@IntegrationTest
class PeopleFormsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	TimeAway timeAway;

	@Autowired
	PublicHolidays holidays;

	private FormPage rejected(RequestBuilder request) throws Exception {
		return FormPage
			.of(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void aRejectedPersonKeepsEveryValue() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora People Form");
		String email = "nora.typed." + System.nanoTime();
		rejected(post("/admin/people").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", "Nora O'Typed")
			.param("email", email)
			.param("jobTitle", "FRONTEND_ENGINEERING_MANAGER")
			.param("grade", "9")
			.param("timeZone", "Asia/Kolkata")
			.param("region", "APAC")
			.param("startDate", "2024-02-01")
			.param("preferredSlots", "05:00-11:00")
			.param("onboardingState", "REVERSE_SHADOW")
			.param("weekdaysOnly", "true")
			.param("_weekdaysOnly", "on")
			.param("_active", "on")
			.param("role", "MANAGER")).isInvalid("email", "Enter a valid email address, like jane.doe@example.com.")
			.hasValue("email", email)
			.hasValue("name", "Nora O'Typed")
			.hasValue("grade", "9")
			.hasValue("timeZone", "Asia/Kolkata")
			.hasValue("startDate", "2024-02-01")
			.hasValue("preferredSlots", "05:00-11:00")
			.hasSelected("jobTitle", "FRONTEND_ENGINEERING_MANAGER")
			.hasSelected("region", "APAC")
			.hasSelected("onboardingState", "REVERSE_SHADOW")
			.isChecked("weekdaysOnly", true)
			.isChecked("active", false)
			.isValid("name")
			.isValid("timeZone")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.people.findAll()).noneMatch(p -> "Nora O'Typed".equals(p.getName()));
	}

	@Test
	void aRejectedTimeAwayKeepsEveryValue() throws Exception {
		Person jane = this.testPeople.manager("Jane Away Form");
		FormPage page = rejected(post("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane)))
			.with(csrf())
			.param("kind", "CONFERENCE")
			.param("first", "2027-01-08")
			.param("last", "2027-01-04")
			.param("note", "KubeCon \"EU\""));
		page.isInvalid("last", "The last day must be on or after the first day.")
			.hasValue("first", "2027-01-08")
			.hasValue("last", "2027-01-04")
			.hasValue("note", "KubeCon \"EU\"")
			.hasSelected("kind", "CONFERENCE")
			.isValid("first")
			.hasUniqueIdsAndTiedLabels();
	}

	@Test
	void aTimeAwayThatDoesNotParseComesBackAsTyped() throws Exception {
		Person jane = this.testPeople.manager("Jane Away Typo");
		FormPage page = rejected(post("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane)))
			.with(csrf())
			.param("kind", "HOLIDAY")
			.param("first", "the 8th")
			.param("last", "2027-02-30")
			.param("note", "n".repeat(501)));
		page.isInvalid("kind", "Choose what kind of time away this is.")
			.isInvalid("first", "Enter a date like 2027-05-01.")
			.isInvalid("last", "Enter a date like 2027-05-01.")
			.isInvalid("note", "Keep the note under 500 characters.")
			.hasValue("first", "the 8th")
			.hasValue("last", "2027-02-30")
			.hasValue("note", "n".repeat(501))
			.hasUniqueIdsAndTiedLabels();
		assertThat(page.html()).contains("Please correct the fields marked below.");
		assertThat(this.timeAway.of(jane.getId())).isEmpty();
	}

	@Test
	void anAcceptedTimeAwayIsSavedAndTheFormIsEmptyAgain() throws Exception {
		Person jane = this.testPeople.manager("Jane Away Saved");
		this.mvc
			.perform(post("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("kind", "CONFERENCE")
				.param("first", "2027-01-04")
				.param("last", " 2027-01-08 ")
				.param("note", "  KubeCon  "))
			.andExpect(status().is3xxRedirection());
		assertThat(this.timeAway.of(jane.getId())).singleElement().satisfies(entry -> {
			assertThat(entry.getKind()).isEqualTo(Unavailability.Kind.CONFERENCE);
			assertThat(entry.getNote()).isEqualTo("KubeCon");
			assertThat(entry.getStartsAt()).isEqualTo(LocalDate.of(2027, 1, 4).atStartOfDay(jane.zone()).toInstant());
			assertThat(entry.getEndsAt()).isEqualTo(LocalDate.of(2027, 1, 9).atStartOfDay(jane.zone()).toInstant());
		});
		FormPage page = FormPage
			.of(this.mvc.perform(get("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
		page.hasValue("first", "").hasValue("last", "").hasSelected("kind", "PTO").isValid("first");
	}

	@Test
	void timeAwayForSomeoneElseIsRefusedEvenWhenTheFormIsWrong() throws Exception {
		Person jane = this.testPeople.manager("Jane Away Owner");
		Person bob = this.testPeople.manager("Bob Away Other");
		this.mvc
			.perform(post("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(bob)))
				.with(csrf())
				.param("kind", "PTO")
				.param("first", "nonsense"))
			.andExpect(status().isForbidden());
		assertThat(this.timeAway.of(jane.getId())).isEmpty();
	}

	@Test
	void aRejectedCountryComesBackInItsRegionsRowAndTheOtherRowsAsStored() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Countries");
		FormPage page = rejected(post("/admin/holidays/regions/EMEA").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("country", "ZZ-<b>"));
		page.isInvalid("country-EMEA-country", "Enter a country code the holiday library knows")
			.hasValue("country-EMEA-country", "ZZ-<b>")
			.isValid("country-APAC-country")
			.hasUniqueIdsAndTiedLabels();
		PublicHolidays.RegionCalendar apac = this.holidays.regions()
			.stream()
			.filter(c -> c.region() == Region.APAC)
			.findFirst()
			.orElseThrow();
		page.hasValue("country-APAC-country", apac.country());
	}

	@Test
	void aRejectedHolidayKeepsEveryValue() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Holidays");
		rejected(post("/admin/holidays").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("region", "APAC")
			.param("day", "someday")
			.param("name", "Company \"day\"")).isInvalid("day", "Enter a date like 2027-05-01.")
			.hasValue("day", "someday")
			.hasValue("name", "Company \"day\"")
			.hasSelected("region", "APAC")
			.isValid("name")
			.hasUniqueIdsAndTiedLabels();
	}

}
