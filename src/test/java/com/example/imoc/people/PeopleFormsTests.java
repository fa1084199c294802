package com.example.imoc.people;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
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
