package com.example.imoc.rotation;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The three forms of the rotation settings page come back, when rejected, with every
 * value as typed, the message beside its field and the field marked for assistive
 * technology; the page's other forms keep what is stored (the daily slots box and the
 * layer day boxes among them).
 */
@IntegrationTest
class RotationFormsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Rotations rotations;

	@Autowired
	PersonRepository people;

	private FormPage rejected(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return FormPage
			.of(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	/**
	 * The fairness window remembers a year by default (issue 14, V24): the seeded IMOC
	 * rotation, moved from V6's 90 days, and a new rotation's form.
	 */
	@Test
	void theFairnessWindowDefaultsToAYear() throws Exception {
		assertThat(this.rotations.findByName("IMOC").orElseThrow().fairnessWindowDays()).isEqualTo(365);
		Person coordinator = this.testPeople.coordinator("Cora Defaults");
		FormPage page = FormPage
			.of(this.mvc.perform(get("/admin/rotations/new").with(user(TestPeople.signedIn(coordinator))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
		page.hasValue("fairnessWindowDays", "365");
	}

	@Test
	void rejectedSettingsKeepEveryValueAndTheOtherFormsOfThePage() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Forms");
		FormPage page = rejected(
				post("/admin/rotations/{id}/settings", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
					.with(csrf())
					.param("version", String.valueOf(rotation.version()))
					.param("name", "Renamed <IMOC>")
					.param("timeZone", "Europe/Berlin")
					.param("blockDays", "40")
					.param("restHours", "9")
					.param("horizonWeeks", "7")
					.param("freezeDays", "3")
					.param("fairnessWindowDays", "120")
					.param("swapUndoHours", "36")
					.param("swapNeedsApproval", "true")
					.param("_swapNeedsApproval", "on"));
		page.isInvalid("blockDays", "Block length is 1 to 28 days.")
			.hasValue("blockDays", "40")
			.hasValue("name", "Renamed <IMOC>")
			.hasValue("timeZone", "Europe/Berlin")
			.hasValue("restHours", "9")
			.hasValue("horizonWeeks", "7")
			.hasValue("freezeDays", "3")
			.hasValue("fairnessWindowDays", "120")
			.hasValue("swapUndoHours", "36")
			.isChecked("swapNeedsApproval", true)
			.isValid("name")
			.isValid("timeZone")
			.hasValue("version", String.valueOf(rotation.version()))
			.hasText("slots", String.join("\n", rotation.slots().stream().map(RotationSlot::label).toList()))
			.isChecked("layer-days-MONDAY", false)
			.isChecked("layer-days-SUNDAY", false)
			.hasValue("layer-precedence", "0")
			.hasUniqueIdsAndTiedLabels();
		assertThat(page.html()).contains("Please correct the fields marked below.");
		assertThat(this.rotations.find(rotation.id()).orElseThrow().blockDays()).isEqualTo(4);
	}

	@Test
	void aStaleVersionIsAFormProblemAndKeepsWhatWasTyped() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Stale");
		FormPage page = rejected(
				post("/admin/rotations/{id}/settings", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
					.with(csrf())
					.param("version", String.valueOf(rotation.version() + 5))
					.param("name", rotation.name())
					.param("timeZone", "Asia/Kolkata")
					.param("blockDays", "5")
					.param("restHours", "8")
					.param("horizonWeeks", "6")
					.param("freezeDays", "1")
					.param("fairnessWindowDays", "90"));
		assertThat(page.html()).contains("Someone else changed this rotation while you were editing.");
		page.hasValue("timeZone", "Asia/Kolkata").hasValue("blockDays", "5").isValid("blockDays");
		assertThat(this.rotations.find(rotation.id()).orElseThrow().zone().getId()).isNotEqualTo("Asia/Kolkata");
	}

	@Test
	void rejectedSlotsComeBackAsTypedBesideTheBox() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Slots");
		rejected(post("/admin/rotations/{id}/slots", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("slots", "05:00-11:00\n11:00-25:00"))
			.isInvalid("slots", "Line 2 (\"11:00-25:00\") has a time that is not HH:MM.")
			.hasText("slots", "05:00-11:00\n11:00-25:00")
			.hasValue("name", rotation.name())
			.hasValue("blockDays", String.valueOf(rotation.blockDays()))
			.isValid("name")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.rotations.find(rotation.id()).orElseThrow().slots()).hasSize(rotation.slots().size());
	}

	@Test
	void aRejectedLayerKeepsItsNameDaysAndPrecedence() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Layer Form");
		rejected(post("/admin/rotations/{id}/layers", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", "weekends")
			.param("days", "SATURDAY", "SUNDAY")
			.param("_days", "on")
			.param("precedence", "high"))
			.isInvalid("layer-precedence", "Precedence is a whole number; higher wins ties.")
			.hasValue("layer-precedence", "high")
			.hasValue("layer-name", "weekends")
			.isValid("layer-name")
			.isChecked("layer-days-SATURDAY", true)
			.isChecked("layer-days-SUNDAY", true)
			.isChecked("layer-days-MONDAY", false)
			.hasText("slots", String.join("\n", rotation.slots().stream().map(RotationSlot::label).toList()))
			.hasUniqueIdsAndTiedLabels();
		rejected(post("/admin/rotations/{id}/layers", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", "no days")
			.param("_days", "on")
			.param("precedence", "2")).isInvalid("layer-days", "Tick the days this layer may cover.")
			.hasValue("layer-name", "no days")
			.hasValue("layer-precedence", "2");
		assertThat(this.rotations.find(rotation.id()).orElseThrow().layers()).hasSize(rotation.layers().size());
	}

	@Test
	void aRefusedParticipantKeepsThePersonAndLayerChosen() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Participants");
		Person weekdays = this.testPeople.manager("Wendy Weekdays");
		weekdays.setWeekdaysOnly(true);
		this.people.save(weekdays);
		String layer = String.valueOf(rotation.layer("weekdays and weekends").orElseThrow().id());
		rejected(post("/admin/rotations/{id}/participants", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("personId", String.valueOf(weekdays.getId()))
			.param("layerId", layer))
			.isInvalid("layerId",
					"Wendy Weekdays has a weekdays-only contract: put them in a layer without Saturday and Sunday.")
			.hasSelected("personId", String.valueOf(weekdays.getId()))
			.hasSelected("layerId", layer)
			.isValid("personId")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.rotations.participants(rotation.id())).isEmpty();
	}

	@Test
	void aRejectedNewRotationKeepsEveryValue() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora New Form");
		String name = "Typed rotation " + System.nanoTime();
		rejected(post("/admin/rotations").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", name)
			.param("timeZone", "Moon/Base")
			.param("blockDays", "7")
			.param("restHours", "10")
			.param("horizonWeeks", "4")
			.param("freezeDays", "2")
			.param("fairnessWindowDays", "60")
			.param("slots", "09:00-17:00\n17:00-09:00")
			.param("_weekdaysOnlyLayer", "on"))
			.isInvalid("timeZone", "\"Moon/Base\" is not a time zone; use an IANA name like Europe/Berlin.")
			.hasValue("timeZone", "Moon/Base")
			.hasValue("name", name)
			.hasValue("blockDays", "7")
			.hasValue("restHours", "10")
			.hasValue("horizonWeeks", "4")
			.hasValue("freezeDays", "2")
			.hasValue("fairnessWindowDays", "60")
			.hasText("slots", "09:00-17:00\n17:00-09:00")
			.isChecked("weekdaysOnlyLayer", false)
			.isValid("slots")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.rotations.findByName(name)).isEmpty();
	}

}
