package com.example.imoc.rotation;

import java.time.DayOfWeek;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The coordinator's rotation pages: creating a rotation, its settings and who takes part
 * (moved here from {@code schedule.SchedulePagesTests} with the pages).
 */
@IntegrationTest
class RotationPagesTests {

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

	@Test
	void badSettingsComeBackWithTheErrorBesideTheFieldAndWhatWasTyped() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Settings");
		this.mvc
			.perform(post("/admin/rotations/{id}/settings", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("version", String.valueOf(rotation.version()))
				.param("name", rotation.name())
				.param("timeZone", "Moon/Base")
				.param("blockDays", "40")
				.param("restHours", "8")
				.param("horizonWeeks", "6")
				.param("freezeDays", "1")
				.param("fairnessWindowDays", "90"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("is not a time zone"), containsString("Block length is 1 to 28 days."),
						containsString("value=\"Moon/Base\""), containsString("value=\"40\""))));
		assertThat(this.rotations.find(rotation.id()).orElseThrow().blockDays()).isEqualTo(4);
		this.mvc
			.perform(post("/admin/rotations/{id}/settings", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("version", String.valueOf(rotation.version()))
				.param("name", rotation.name())
				.param("timeZone", "Europe/Berlin")
				.param("blockDays", "7")
				.param("restHours", "12")
				.param("horizonWeeks", "8")
				.param("freezeDays", "2")
				.param("fairnessWindowDays", "120"))
			.andExpect(status().is3xxRedirection());
		Rotation saved = this.rotations.find(rotation.id()).orElseThrow();
		assertThat(saved.blockDays()).isEqualTo(7);
		assertThat(saved.zone().getId()).isEqualTo("Europe/Berlin");
	}

	@Test
	void aWeekdaysOnlyPersonCannotJoinALayerThatCoversWeekends() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person coordinator = this.testPeople.coordinator("Cora Layers");
		Person weekdays = this.testPeople.manager("Weekday Worker");
		weekdays.setWeekdaysOnly(true);
		this.people.save(weekdays);
		this.mvc
			.perform(post("/admin/rotations/{id}/participants", rotation.id())
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("personId", String.valueOf(weekdays.getId()))
				.param("layerId", String.valueOf(rotation.layer("weekdays and weekends").orElseThrow().id())))
			.andExpect(status().isOk());
		assertThat(this.rotations.participants(rotation.id())).isEmpty();
		this.mvc
			.perform(post("/admin/rotations/{id}/participants", rotation.id())
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("personId", String.valueOf(weekdays.getId()))
				.param("layerId", String.valueOf(rotation.layer("weekdays-only").orElseThrow().id())))
			.andExpect(status().is3xxRedirection());
		assertThat(this.rotations.participants(rotation.id())).hasSize(1);
	}

	@Test
	void theCoordinatorCreatesARotationAndABadSlotListComesBackAsTyped() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Creates");
		String name = "Platform " + System.nanoTime();
		this.mvc
			.perform(post("/admin/rotations").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("name", name)
				.param("timeZone", "Europe/Berlin")
				.param("blockDays", "7")
				.param("restHours", "10")
				.param("horizonWeeks", "4")
				.param("freezeDays", "1")
				.param("fairnessWindowDays", "90")
				.param("slots", "09:00-17:00\nlunchtime"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Line 2 (&quot;lunchtime&quot;) is not a slot"),
					containsString("lunchtime</textarea>"))));
		assertThat(this.rotations.findByName(name)).isEmpty();
		this.mvc
			.perform(post("/admin/rotations").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("name", name)
				.param("timeZone", "Europe/Berlin")
				.param("blockDays", "7")
				.param("restHours", "10")
				.param("horizonWeeks", "4")
				.param("freezeDays", "1")
				.param("fairnessWindowDays", "90")
				.param("slots", "09:00-17:00\n17:00-09:00")
				.param("weekdaysOnlyLayer", "true"))
			.andExpect(status().is3xxRedirection());
		Rotation created = this.rotations.findByName(name).orElseThrow();
		assertThat(created.slots()).extracting(s -> s.label()).containsExactly("09:00-17:00", "17:00-09:00");
		assertThat(created.layers()).extracting(l -> l.name())
			.containsExactly("weekdays and weekends", "weekdays-only");
		assertThat(created.anchor().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
	}

}
