package com.example.imoc.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.web.layout.TemplateTimes;

import static org.assertj.core.api.Assertions.assertThat;
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

@IntegrationTest
class SchedulePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	Rotations rotations;

	@Test
	void theHomePageSaysWhoIsOnCallNowAndWhenMyNextShiftIsInMyHours() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person viewer = this.testPeople.manager("Kolkata Next", "Asia/Kolkata");
		this.rotations.join(rotation.id(), viewer.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		this.testRotations.staff(rotation, 5);
		this.maintenance.maintain(rotation.id());
		ShiftView current = this.shifts.runningAt(Instant.now())
			.stream()
			.filter(s -> s.rotationId() == rotation.id() && !s.shadow())
			.findFirst()
			.orElseThrow();
		ShiftView next = this.shifts.nextOf(viewer.getId(), Instant.now()).orElseThrow();
		DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Kolkata"));
		String myHours = clock.format(next.start()) + "–" + clock.format(next.end());
		this.mvc.perform(get("/").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(rotation.name()), containsString(current.assigneeName()),
					containsString("Your next shift"), containsString(rotation.name() + " " + myHours),
					containsString("(Asia/Kolkata)"), not(containsString(rotation.name() + " " + next.slot())))));
	}

	@Test
	void myShiftsListsUpcomingShiftsInMyZoneWithTheirReasonAndASwapLink() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person tokyo = this.testPeople.manager("Tokyo Viewer", "Asia/Tokyo");
		this.rotations.join(rotation.id(), tokyo.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		this.testRotations.staff(rotation, 4);
		this.maintenance.maintain(rotation.id());
		Instant now = Instant.now();
		ShiftView mine = this.shifts.ofPerson(tokyo.getId(), now, now.plusSeconds(30 * 86_400L))
			.stream()
			.filter(s -> s.start().isAfter(now.plusSeconds(60)))
			.findFirst()
			.orElseThrow();
		String localStart = new TemplateTimes().local(mine.start(), "Asia/Tokyo");
		this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(tokyo))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Asia/Tokyo"), containsString(localStart),
					containsString("/swaps/new?shift=" + mine.id()), containsString(mine.reason().substring(0, 20)))));
	}

	@Test
	void theRotationGridShowsCoverageGapsInRed() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		this.testRotations.nobodyWhoCanServe(rotation);
		this.maintenance.maintain(rotation.id());
		Person viewer = this.testPeople.manager("Grid Viewer");
		this.mvc.perform(get("/rotations/{id}", rotation.id()).with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("coverage gap(s) in this period"), containsString("class=\"gap"))));
	}

	/**
	 * Issue 17: no list of every participant to pick from (a thousand at 1,000 people); a
	 * search by part of a name highlights everyone it finds, an id (as other pages link)
	 * highlights that one person.
	 */
	@Test
	void theRotationPageHighlightsPeopleFoundByPartOfTheirNameWithoutListingEveryone() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		List<Person> staff = this.testRotations.staff(rotation, 4);
		this.maintenance.maintain(rotation.id());
		Person viewer = this.testPeople.manager("Search Viewer");
		Person sought = staff.get(1);
		String page = this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("who", sought.getName().toUpperCase(Locale.ROOT))
				.with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<option value=\"" + staff.get(0).getId() + "\""))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<Long, Boolean> highlighted = parts(page);
		assertThat(highlighted).isNotEmpty();
		highlighted.forEach((shiftId, lit) -> assertThat(lit).as("shift %d", shiftId)
			.isEqualTo(sought.getId().equals(this.shifts.find(shiftId).orElseThrow().assigneeId())));
		assertThat(highlighted.values()).contains(true);
		assertThat(page).contains("value=\"" + sought.getName().toUpperCase(Locale.ROOT) + "\"")
			.contains("who=" + sought.getName().toUpperCase(Locale.ROOT).replace(" ", "%20"));

		Person byId = staff.get(2);
		String linked = this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("person", byId.getId().toString())
				.with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		parts(linked).forEach((shiftId, lit) -> assertThat(lit)
			.isEqualTo(byId.getId().equals(this.shifts.find(shiftId).orElseThrow().assigneeId())));

		this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("who", "nobody-has-this-name")
				.with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Nobody in this rotation has a name containing that."),
					not(containsString(" highlight\"")))));
		this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("who", "x".repeat(101))
				.with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isBadRequest());
	}

	/** Each shift part on a rotation page: whether it is highlighted. */
	private static Map<Long, Boolean> parts(String page) {
		Map<Long, Boolean> parts = new HashMap<>();
		Matcher part = Pattern.compile("<div class=\"(part[^\"]*)\" data-shift=\"(\\d+)\"").matcher(page);
		while (part.find()) {
			boolean lit = List.of(part.group(1).split(" ")).contains("highlight");
			parts.merge(Long.parseLong(part.group(2)), lit, (a, b) -> a && b);
		}
		return parts;
	}

	@Test
	void anUnknownRotationIsA404Page() throws Exception {
		Person viewer = this.testPeople.manager("Lost Viewer");
		this.mvc.perform(get("/rotations/999999").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isNotFound());
	}

	@Test
	void theCoordinatorExtendsNowAndAManagerMayNot() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		this.testRotations.staff(rotation, 5);
		Person manager = this.testPeople.manager("Not Coordinator");
		this.mvc
			.perform(post("/admin/rotations/{id}/extend", rotation.id()).with(user(TestPeople.signedIn(manager)))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/rotations/{id}/fairness", rotation.id()).with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		Person coordinator = this.testPeople.coordinator("Cora Extends");
		this.mvc
			.perform(post("/admin/rotations/{id}/extend", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(redirectedUrl("/rotations/" + rotation.id()));
		long deadline = System.currentTimeMillis() + 20_000;
		while (this.shifts.lastDate(rotation.id()).isEmpty() && System.currentTimeMillis() < deadline) {
			Thread.sleep(200);
		}
		assertThat(this.shifts.lastDate(rotation.id())).isPresent();
		this.mvc
			.perform(get("/admin/rotations/{id}/fairness", rotation.id()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Load per person")));
	}

	@Test
	void removingASlotCancelsItsShiftsAfterTheFreezeWindowAndKeepsTheRest() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 8);
		this.maintenance.maintain(rotation.id());
		Person coordinator = this.testPeople.coordinator("Cora Slots");
		Instant now = Instant.now();
		List<ShiftView> before = this.shifts.ofRotation(rotation.id(), now, now.plusSeconds(30 * 86_400L));
		this.mvc
			.perform(post("/admin/rotations/{id}/slots", rotation.id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("slots", "23:00-05:00\n05:00-11:00\n11:00-15:00\n15:00-23:00"))
			.andExpect(status().is3xxRedirection());
		List<ShiftView> after = this.shifts.ofRotation(rotation.id(), now, now.plusSeconds(30 * 86_400L));
		Instant frozenUntil = now.plusSeconds(86_400);
		assertThat(after)
			.noneMatch(s -> s.slot().startsWith("15:00-19:00") && s.start().isAfter(frozenUntil.plusSeconds(60)));
		assertThat(after).anyMatch(s -> s.slot().startsWith("05:00-11:00"));
		assertThat(after.stream().filter(s -> s.slot().equals("05:00-11:00")).count())
			.isEqualTo(before.stream().filter(s -> s.slot().equals("05:00-11:00")).count());
		assertThat(this.rotations.find(rotation.id()).orElseThrow().slots()).extracting(s -> s.label())
			.containsExactly("23:00-05:00", "05:00-11:00", "11:00-15:00", "15:00-23:00");
		ScheduleMaintenance.Outcome extended = this.maintenance.maintain(rotation.id());
		assertThat(extended.created()).isPositive();
	}

	@Test
	void peopleManageTheirOwnTimeAwayButNotOthers() throws Exception {
		Person jane = this.testPeople.manager("Jane Away");
		Person other = this.testPeople.manager("Other Person");
		this.mvc.perform(get("/people/{id}/time-away", other.getId()).with(user(TestPeople.signedIn(jane))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/people/{id}/time-away", other.getId()).with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("kind", "PTO")
				.param("first", "2027-01-04")
				.param("last", "2027-01-08"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("kind", "PTO")
				.param("first", "2027-01-08")
				.param("last", "2027-01-04"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("The last day must be on or after the first day."),
					containsString("value=\"2027-01-08\""))));
		this.mvc
			.perform(post("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane)))
				.with(csrf())
				.param("kind", "CONFERENCE")
				.param("first", "2027-01-04")
				.param("last", "2027-01-08"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/my/time-away").with(user(TestPeople.signedIn(jane))))
			.andExpect(redirectedUrl("/people/" + jane.getId() + "/time-away"));
		this.mvc.perform(get("/people/{id}/time-away", jane.getId()).with(user(TestPeople.signedIn(jane))))
			.andExpect(content().string(containsString("Conference")));
	}

}
