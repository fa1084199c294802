package com.example.imoc.swap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * The note on a decision (accept, decline, approve, reject) is bounded like the request's
 * message: a longer one is refused with a sentence saying so, and nothing is decided.
 */
@IntegrationTest
class SwapNoteLimitTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRequests requests;

	@Test
	void aDecisionNoteOverTheLimitIsRefusedAndDecidesNothing() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		SwapRequest request = this.swaps.request(SwapFixtures.holder(mine), ask);
		SignedInPerson receiver = SwapFixtures.holder(this.fixtures.shift(ask.counterpartShiftId()));
		for (String action : new String[] { "decline", "accept" }) {
			this.mvc
				.perform(post("/swaps/{id}/" + action, request.id()).param("note", "n".repeat(Swaps.LONGEST_NOTE + 1))
					.with(user(receiver))
					.with(csrf()))
				.andExpect(flash().attribute("problem", "Keep the note under 1,000 characters."));
		}
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.PENDING);
		this.mvc
			.perform(post("/swaps/{id}/decline", request.id()).param("note", "n".repeat(Swaps.LONGEST_NOTE))
				.with(user(receiver))
				.with(csrf()))
			.andExpect(flash().attributeExists("message"));
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.DECLINED);
	}

}
