package com.example.imoc.browser;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.BlockOffers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a manager gives away a whole 4-day block in ONE request from the swap form,
 * and the person she asked accepts it: every day of the block changes hands at once.
 */
class BlockSwapJourneyTests extends BrowserTest {

	/** People the other journeys sign in as: this one keeps away from their shifts. */
	private static final Set<String> TAKEN_BY_OTHER_JOURNEYS = Set.of("coordinator@example.com",
			"david.okafor@example.com", "emily.davis@example.com", "jane.doe@example.com", "john.smith@example.com",
			"lars.nielsen@example.com", "maria.alvarez@example.com", "priya.raman@example.com");

	@Autowired
	PersonRepository people;

	@Autowired
	Shifts shifts;

	@Autowired
	BlockOffers offers;

	@Test
	void aManagerGivesAwayHerWholeBlockInOneRequestAndTheCounterpartAcceptsIt() {
		BlockOffers.Offer offer = this.offers
			.coverableBlock(this.people.findByActiveTrueOrderByNameAsc()
				.stream()
				.filter(p -> !p.isCoordinator() && !TAKEN_BY_OTHER_JOURNEYS.contains(p.getEmail()))
				.toList())
			.orElseThrow(() -> new AssertionError("no demo manager holds a whole block someone else can take"));
		List<ShiftView> block = offer.block();
		Person holder = this.people.findById(block.get(0).assigneeId()).orElseThrow();
		Person taker = offer.taker();

		signInAs(holder.getEmail());
		open("/swaps/new?shift=" + block.get(1).id());
		assertThat(heading()).isEqualTo("Swap or hand over a shift");
		click("label[for=kind-cover]");
		waitFor("#personQuery");
		assertThat(find("#scope-block").isSelected()).as("the whole block is the first choice").isTrue();
		assertThat(find("label[for=scope-block]").getText()).contains("4 shifts");
		type("#personQuery", taker.getName());
		clickButton("Find people");
		waitFor("#toPersonId option[value='" + taker.getId() + "']");
		new Select(find("#toPersonId")).selectByValue(String.valueOf(taker.getId()));
		clickButton("Send request");
		assertThat(text(".flash")).startsWith("Request sent.");
		assertThat(findAll("#given-shifts li")).as("the request lists every day of the block").hasSize(4);
		String requestPath = URI.create(this.driver.getCurrentUrl()).getPath();

		signInAs(taker.getEmail());
		open(requestPath);
		assertThat(findAll("#given-shifts li")).hasSize(4);
		for (ShiftView shift : block) {
			assertThat(findAll("#given-shifts time[datetime='" + shift.start() + "']")).hasSize(1);
		}
		screenshot("journey-block-cover-answer");
		clickButton("Accept");
		assertThat(text(".flash")).startsWith("Accepted");

		for (ShiftView shift : block) {
			assertThat(this.shifts.find(shift.id()).orElseThrow().assigneeId()).as("%s changed hands", shift.date())
				.isEqualTo(taker.getId());
		}
		open("/my/shifts");
		for (ShiftView shift : block) {
			assertThat(findAll("#shift-" + shift.id())).as("%s now holds %s", taker.getName(), shift.date()).hasSize(1);
		}
	}

}
