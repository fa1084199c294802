package com.example.imoc.incident;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The incident form and the services forms come back, when rejected, with every value as
 * typed and the message beside its field, marked for assistive technology
 * (docs/ARCHITECTURE.md, "Forms").
 */
@IntegrationTest
class IncidentFormsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	IncidentRepository incidents;

	@Autowired
	PlatformServiceRepository services;

	private FormPage rejected(RequestBuilder request) throws Exception {
		return FormPage
			.of(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void aRejectedIncidentKeepsEveryValue() throws Exception {
		Person reporter = this.testPeople.manager("Rita Form");
		String title = "Typed \"search\" <slow> " + System.nanoTime();
		rejected(post("/incidents").with(user(TestPeople.signedIn(reporter)))
			.with(csrf())
			.param("title", title)
			.param("severity", "S2")
			.param("status", "MITIGATED")
			.param("impactStartedAt", "2026-01-05T09:40")
			.param("declaredAt", "2026-01-05T10:00")
			.param("mitigatedAt", "2026-01-05T09:30")
			.param("rootCause", "SATURATION")
			.param("detectedInternally", "true")
			.param("_detectedInternally", "on")
			.param("eocName", "Eve On-Call")
			.param("summary", "Search was slow.\nEU only.")
			.param("services[0].name", "web")
			.param("services[0].impact", "2")).isInvalid("mitigatedAt", "Mitigation comes at or after the declaration.")
			.isInvalid("services0.impact", "Enter the impact as a fraction above 0 and up to 1")
			.hasValue("mitigatedAt", "2026-01-05T09:30")
			.hasValue("services0.impact", "2")
			.hasValue("title", title)
			.hasValue("impactStartedAt", "2026-01-05T09:40")
			.hasValue("declaredAt", "2026-01-05T10:00")
			.hasValue("eocName", "Eve On-Call")
			.hasText("summary", "Search was slow.\nEU only.")
			.hasSelected("severity", "S2")
			.hasSelected("status", "MITIGATED")
			.hasSelected("rootCause", "SATURATION")
			.isChecked("detectedInternally", true)
			.isValid("title")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.incidents.findAll()).noneMatch(i -> title.equals(i.getTitle()));
	}

	@Test
	void aRejectedServiceKeepsWhatWasTyped() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Services");
		rejected(post("/admin/services").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", "ci-runners-" + System.nanoTime() % 100000)
			.param("weight", "heavy")).isInvalid("weight", "Enter a weight of 0 or more, like 5")
			.hasValue("weight", "heavy")
			.isValid("name")
			.hasUniqueIdsAndTiedLabels();
		rejected(post("/admin/services").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", "Not A Name")
			.param("weight", "3"))
			.isInvalid("name", "Use lower-case letters, digits and dashes for the name, like ci-runners.")
			.hasValue("name", "Not A Name")
			.hasValue("weight", "3")
			.isValid("weight");
		rejected(post("/admin/services").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", " WEB ")
			.param("weight", "1.0001")).isInvalid("name", "There is already a service called web.")
			.isInvalid("weight", "Enter a weight of 0 or more")
			.hasValue("name", " WEB ")
			.hasValue("weight", "1.0001");
	}

	@Test
	void aRejectedWeightComesBackInItsRowAndTheOtherRowsAsStored() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Weights");
		PlatformService web = this.services.findByName("web").orElseThrow();
		PlatformService other = this.services.findAllByOrderByNameAsc()
			.stream()
			.filter(s -> !s.getId().equals(web.getId()))
			.findFirst()
			.orElseThrow();
		FormPage page = rejected(post("/admin/services/{id}", web.getId()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("version", String.valueOf(web.getVersion()))
			.param("weight", "-4"));
		page.isInvalid("service-" + web.getId() + "-weight", "Enter a weight of 0 or more")
			.hasValue("service-" + web.getId() + "-weight", "-4")
			.hasValue("service-" + other.getId() + "-weight", other.getWeight().stripTrailingZeros().toPlainString())
			.isValid("service-" + other.getId() + "-weight")
			.hasValue("weight", "0")
			.isValid("weight")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.services.findById(web.getId()).orElseThrow().getWeight()).isEqualByComparingTo(web.getWeight());
	}

	@Test
	void aWeightSentFromAnotherVersionOfThePageIsRefusedWithWhatWasTyped() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Stale");
		PlatformService web = this.services.findByName("web").orElseThrow();
		FormPage page = rejected(post("/admin/services/{id}", web.getId()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("version", String.valueOf(web.getVersion() + 1))
			.param("weight", "7"));
		assertThat(page.html()).contains("This service was changed by someone else.");
		page.hasValue("service-" + web.getId() + "-weight", "7").hasUniqueIdsAndTiedLabels();
		assertThat(this.services.findById(web.getId()).orElseThrow().getWeight()).isEqualByComparingTo(web.getWeight());
	}

}
