package com.example.imoc.swap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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

	/**
	 * The service's refusals land where the form's own do: on the field they name, or,
	 * when they name the shift itself, in the form's summary; the picker's search
	 * problems beside the search field; and what the page cannot produce is a 400.
	 */
	@Test
	void refusalsOfTheServiceAndOfTheSearchComeBackOnTheirFields() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap cover = this.fixtures.validCover(planned);
		ShiftView mine = this.fixtures.shift(cover.shiftId());
		String toSelf = send(mine, "kind", "COVER", "toPersonId", String.valueOf(mine.assigneeId()), "message",
				"keep me");
		FormPage.of(toSelf)
			.isInvalid("toPersonId", "Choose someone other than the shift's holder.")
			.hasText("message", "keep me")
			.isChecked("kind-cover", true)
			.hasUniqueIdsAndTiedLabels();
		assertThat(toSelf).contains("Please correct the fields marked below.");

		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(mine.id()))
				.param("kind", "OPEN_COVER")
				.with(user(SwapFixtures.holder(mine)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		String twice = send(mine, "kind", "OPEN_COVER", "message", "again");
		assertThat(twice).containsPattern(
				"<div class=\"error\" role=\"alert\">\\s*<p>This shift already has a request waiting for an answer");
		FormPage.of(twice).hasText("message", "again").isChecked("kind-open", true);

		String search = send(mine, "kind", "SWAP", "action", "search", "shiftFrom", "the 3rd", "shiftPerson", "Ann");
		FormPage.of(search)
			.isInvalid("shiftFrom", "Give a date like 2026-12-03.")
			.hasValue("shiftPerson", "Ann")
			.isValid("shiftPerson")
			.isChecked("kind-swap", true);

		for (String[] wrong : new String[][] { { "kind", "STEAL" }, { "toPersonId", "abc" },
				{ "counterpartShiftId", "1e9" }, { "shiftsShown", "many" } }) {
			this.mvc
				.perform(post("/swaps").param("shift", String.valueOf(mine.id()))
					.param(wrong[0], wrong[1])
					.with(user(SwapFixtures.holder(mine)))
					.with(csrf()))
				.andExpect(status().isBadRequest());
		}
	}

	/**
	 * A fresh form has no kind chosen, so no choice is checked and no kind's fields show.
	 */
	@Test
	void aNewFormChoosesNothingForThePerson() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		ShiftView mine = this.fixtures.shift(this.fixtures.validCover(planned).shiftId());
		String html = this.mvc
			.perform(get("/swaps/new").param("shift", String.valueOf(mine.id())).with(user(SwapFixtures.holder(mine))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		FormPage.of(html)
			.isChecked("kind-swap", false)
			.isChecked("kind-cover", false)
			.isChecked("kind-open", false)
			.hasUniqueIdsAndTiedLabels();
		assertThat(html).doesNotContain("id=\"partStart\"").doesNotContain("Please correct");
	}

	private String send(ShiftView shift, String... fields) throws Exception {
		MockHttpServletRequestBuilder request = post("/swaps").param("shift", String.valueOf(shift.id()));
		for (int i = 0; i < fields.length; i += 2) {
			request.param(fields[i], fields[i + 1]);
		}
		return this.mvc.perform(request.with(user(SwapFixtures.holder(shift))).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
