package com.example.imoc.swap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The swap request form comes back, when rejected, with every value as typed and the
 * message beside its field, marked for assistive technology (docs/ARCHITECTURE.md,
 * "Forms").
 */
@IntegrationTest
class SwapFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	SwapRequests requests;

	@Test
	void aRejectedCoverKeepsEveryValue() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap cover = this.fixtures.validCover(planned);
		ShiftView mine = this.fixtures.shift(cover.shiftId());
		String html = this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(mine.id()))
				.param("kind", "COVER")
				.param("toPersonId", String.valueOf(cover.toPersonId()))
				.param("partStart", "tomorrow at nine")
				.param("partEnd", "")
				.param("message", "Dentist at \"noon\"")
				.with(user(SwapFixtures.holder(mine)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormPage.of(html)
			.isInvalid("partStart", "\"tomorrow at nine\" is not a date and time like 2026-12-01T09:30.")
			.hasValue("partStart", "tomorrow at nine")
			.hasText("message", "Dentist at \"noon\"")
			.hasSelected("toPersonId", String.valueOf(cover.toPersonId()))
			.isChecked("kind-cover", true)
			.isChecked("kind-swap", false)
			.isValid("partEnd")
			.isValid("toPersonId")
			.hasUniqueIdsAndTiedLabels();
		assertThat(this.requests.involving(mine.assigneeId())).noneMatch(r -> r.shiftId() == mine.id());
	}

}
