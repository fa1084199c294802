package com.example.imoc.schedule;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The kind of someone's time away (sick leave, say) is theirs and the coordinator's to
 * know: other managers see only that they are away on the rotation page.
 */
@IntegrationTest
class AwayPrivacyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TimeAway timeAway;

	@Test
	void otherManagersSeeAwayWhileThePersonAndTheCoordinatorSeeTheKind() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		Person sick = this.testRotations.staff(rotation, 1).get(0);
		Person colleague = this.testPeople.manager("Colin Colleague");
		Person coordinator = this.testPeople.coordinator("Cora Knows");
		LocalDate first = LocalDate.now().plusDays(7);
		this.timeAway.seed(sick.getId(), Unavailability.Kind.SICK, first, first.plusDays(9), "flu");
		String page = "/rotations/" + rotation.id() + "?week=" + first;

		this.mvc.perform(get(page).with(user(TestPeople.signedIn(colleague))))
			.andExpect(status().isOk())
			.andExpect(content().string(
					allOf(containsString(sick.getName() + "</span>: <span>away</span>"), not(containsString("Sick")))));
		this.mvc.perform(get(page).with(user(TestPeople.signedIn(sick))))
			.andExpect(content().string(containsString(sick.getName() + "</span>: <span>Sick</span>")));
		this.mvc.perform(get(page).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(containsString(sick.getName() + "</span>: <span>Sick</span>")));
	}

}
