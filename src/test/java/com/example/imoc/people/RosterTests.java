package com.example.imoc.people;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class RosterTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	AuditLog auditLog;

	@Autowired
	RosterImport rosterImport;

	private String unique(String local) {
		return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	@Test
	void theCoordinatorAddsAPersonAndTheChangeIsAudited() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Adds");
		String email = unique("new.manager");
		this.mvc
			.perform(post("/admin/people").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("name", "New Manager")
				.param("email", email)
				.param("jobTitle", "FRONTEND_ENGINEERING_MANAGER")
				.param("grade", "8")
				.param("timeZone", "Asia/Tokyo")
				.param("region", "APAC")
				.param("startDate", "2024-02-01")
				.param("onboardingState", "ACTIVE")
				.param("role", "MANAGER")
				.param("preferredSlots", "23:00-05:00, 05:00-11:00")
				.param("active", "true"))
			.andExpect(status().is3xxRedirection());
		Person created = this.people.findByEmail(email).orElseThrow();
		assertThat(created.getPreferredSlots()).containsExactly("23:00-05:00", "05:00-11:00");
		assertThat(this.auditLog.about("person", created.getId())).anySatisfy(entry -> {
			assertThat(entry.getAction()).isEqualTo("person.created");
			assertThat(entry.getActor()).isEqualTo(coordinator.getEmail());
		});
	}

	@Test
	void aBadFormComesBackWithTheErrorBesideTheFieldAndWhatWasTyped() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Typo");
		long before = this.people.count();
		this.mvc
			.perform(post("/admin/people").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("name", "Typed <b>Name</b>")
				.param("email", "not-an-email")
				.param("jobTitle", "BACKEND_ENGINEERING_MANAGER")
				.param("grade", "8")
				.param("timeZone", "Mars/Olympus")
				.param("region", "EMEA")
				.param("startDate", "2024-02-01")
				.param("onboardingState", "ACTIVE")
				.param("role", "MANAGER"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a valid email address")))
			.andExpect(content().string(containsString("is not a time zone")))
			.andExpect(content().string(containsString("value=\"Typed &lt;b&gt;Name&lt;/b&gt;\"")))
			.andExpect(content().string(containsString("value=\"Mars/Olympus\"")));
		assertThat(this.people.count()).isEqualTo(before);
	}

	@Test
	void anEditRecordsWhatChanged() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Edits");
		Person jane = this.testPeople.manager("Jane Edited");
		this.mvc
			.perform(post("/admin/people/{id}", jane.getId()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("version", String.valueOf(jane.getVersion()))
				.param("name", "Jane Edited")
				.param("email", jane.getEmail())
				.param("jobTitle", "SENIOR_ENGINEERING_MANAGER")
				.param("grade", "9")
				.param("timeZone", "Europe/London")
				.param("region", "EMEA")
				.param("startDate", jane.getStartDate().toString())
				.param("onboardingState", "ACTIVE")
				.param("role", "MANAGER")
				.param("active", "true"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.auditLog.about("person", jane.getId()))
			.anySatisfy(entry -> assertThat(entry.getDetails()).contains("grade: 8 → 9"));
	}

	@Test
	void aStaleEditIsRefusedWithAReloadHint() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Stale");
		Person jane = this.testPeople.manager("Jane Stale");
		this.mvc
			.perform(post("/admin/people/{id}", jane.getId()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("version", String.valueOf(jane.getVersion() + 5))
				.param("name", "Jane Renamed")
				.param("email", jane.getEmail())
				.param("jobTitle", "BACKEND_ENGINEERING_MANAGER")
				.param("grade", "8")
				.param("timeZone", "Europe/London")
				.param("region", "EMEA")
				.param("startDate", jane.getStartDate().toString())
				.param("onboardingState", "ACTIVE")
				.param("role", "MANAGER"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else changed this person")));
		assertThat(this.people.findById(jane.getId()).orElseThrow().getName()).isEqualTo("Jane Stale");
	}

	@Test
	void aCsvWithABadRowImportsNothingAndNamesTheLine() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Imports");
		String good = unique("good.row");
		String csv = """
				name,email,job_title,grade,manager_email,time_zone,region,start_date,weekdays_only,preferred_slots,onboarding_state
				Good Row,%s,Backend Engineering Manager,8,,Europe/Berlin,EMEA,2023-01-09,false,05:00-11:00,ACTIVE
				Bad Row,%s,Backend Engineering Manager,eight,,Europe/Berlin,EMEA,2023-01-09,false,,ACTIVE
				"""
			.formatted(good, unique("bad.row"));
		this.mvc
			.perform(multipart("/admin/people/import")
				.file(new MockMultipartFile("file", "roster.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Nothing was imported")))
			.andExpect(content().string(containsString("line 3: grade &quot;eight&quot; is not a number")));
		assertThat(this.people.findByEmail(good)).isEmpty();
	}

	@Test
	void aGoodCsvCreatesAndUpdatesWithManagersFromTheSameFile() {
		Person existing = this.testPeople.manager("Existing Person");
		String boss = unique("boss");
		String report = unique("report");
		String csv = """
				email,name,job_title,grade,manager_email,time_zone,region,start_date,weekdays_only,preferred_slots
				%s,Report Person,Fullstack Engineering Manager,8,%s,America/Chicago,AMER,2022-05-01,yes,"15:00-19:00;19:00-23:00"
				%s,Boss Person,SENIOR_ENGINEERING_MANAGER,9,,America/New_York,AMER,2020-05-01,no,
				%s,Existing Person,Staff Engineer,9,%s,Europe/London,EMEA,2021-01-01,false,
				"""
			.formatted(report, boss, boss, existing.getEmail(), boss);
		RosterImport.Result result = this.rosterImport.importCsv(csv);
		assertThat(result.errors()).isEmpty();
		assertThat(result.created()).isEqualTo(2);
		assertThat(result.updated()).isEqualTo(1);
		Person imported = this.people.findByEmail(report).orElseThrow();
		assertThat(imported.isWeekdaysOnly()).isTrue();
		assertThat(imported.getPreferredSlots()).containsExactly("15:00-19:00", "19:00-23:00");
		assertThat(this.people.findByEmail(existing.getEmail()).orElseThrow().getJobTitle())
			.isEqualTo(JobTitle.STAFF_ENGINEER);
	}

	@Test
	void everyBadRowIsReportedNotJustTheFirst() {
		String csv = """
				name,email,job_title,grade,time_zone,region,start_date
				,nobody,Wizard,99,Nowhere,MARS,yesterday
				Ok Name,%s,Staff Engineer,8,UTC,EMEA,2020-01-01,
				Dup,%s,Staff Engineer,8,UTC,EMEA,2020-01-01
				""".formatted(unique("dup"), "x");
		RosterImport.Result result = this.rosterImport.importCsv(csv);
		assertThat(result.ok()).isFalse();
		assertThat(result.errors().get(0)).startsWith("line 2: name is empty")
			.contains("unknown job title \"Wizard\"")
			.contains("grade 99 is outside 5–12")
			.contains("region \"MARS\"");
		assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith("line 4: email \"x\""));
	}

	@Test
	void aPersonSetsTheirOwnTimeZoneAndPasswordOnlyWithTheCurrentOne() throws Exception {
		Person jane = this.testPeople.manager("Jane Profile");
		this.mvc
			.perform(post("/profile/time-zone").with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("timeZone", "Asia/Tokyo"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.people.findById(jane.getId()).orElseThrow().getTimeZone()).isEqualTo("Asia/Tokyo");
		String hash = this.people.findById(jane.getId()).orElseThrow().getPasswordHash();
		this.mvc
			.perform(post("/profile/password").with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("currentPassword", "wrong")
				.param("newPassword", "a-new-password")
				.param("confirmPassword", "a-new-password"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.people.findById(jane.getId()).orElseThrow().getPasswordHash()).isEqualTo(hash);
		this.mvc
			.perform(post("/profile/password").with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("currentPassword", TestPeople.PASSWORD)
				.param("newPassword", "a-new-password")
				.param("confirmPassword", "a-new-password"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.people.findById(jane.getId()).orElseThrow().getPasswordHash()).isNotEqualTo(hash);
	}

	@Test
	void theRosterCanBeSearchedAndFiltered() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Searches");
		this.testPeople.manager("Zed Findable");
		this.mvc.perform(get("/admin/people").param("q", "zed find").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(containsString("Zed Findable")));
		this.mvc
			.perform(get("/admin/people").param("q", "Zed")
				.param("region", "APAC")
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(not(containsString("Zed Findable"))));
	}

}
