package com.example.imoc.swap;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Eligibility;
import com.example.imoc.people.EligibilityPolicy;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A swap judges eligibility on the shift's date, like the assigner: someone reaching
 * three months' tenure in ten days may cover a shift from that day on, and is refused one
 * before it with the tenure rule as the reason.
 */
@IntegrationTest
class SwapEligibilityByDateTests {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	Rotations rotations;

	@Autowired
	EligibilityPolicy policy;

	@Test
	void someoneReachingTenureInTenDaysMayCoverShiftsFromThatDayOnly() {
		Planned planned = this.fixtures.planned(8, 4);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Person draft = this.testPeople.manager("Almost Tenured");
		draft.setStartDate(today.plusDays(10).minusMonths(this.policy.minTenureMonths()));
		Person newcomer = this.people.save(draft);
		LocalDate eligibleOn = Eligibility.tenureReached(newcomer.getStartDate(), this.policy);
		assertThat(eligibleOn).isAfter(today.plusDays(5));
		this.rotations.join(planned.rotation().id(), newcomer.getId(),
				planned.rotation().layer("weekdays and weekends").orElseThrow().id());

		List<ShiftView> future = this.fixtures.swappable(planned.rotation());
		List<ShiftView> before = future.stream().filter(s -> s.date().isBefore(eligibleOn)).toList();
		List<ShiftView> after = future.stream().filter(s -> !s.date().isBefore(eligibleOn)).toList();
		assertThat(before).isNotEmpty();
		assertThat(after).isNotEmpty();
		for (ShiftView shift : before) {
			assertThat(messages(shift, newcomer)).as("shift on %s", shift.date())
				.anyMatch(m -> m.contains("is not eligible") && m.contains("joined 2 months ago (needs 3)"));
		}
		for (ShiftView shift : after) {
			assertThat(messages(shift, newcomer)).as("shift on %s", shift.date())
				.noneMatch(m -> m.contains("not eligible"));
		}
		assertThat(after).anySatisfy(shift -> assertThat(messages(shift, newcomer)).isEmpty());
	}

	private List<String> messages(ShiftView shift, Person to) {
		NewSwap cover = new NewSwap(shift.id(), SwapKind.COVER, null, to.getId(), null, null, "", null, false, null);
		return this.swaps.validate(SwapFixtures.holder(shift), cover).stream().map(SwapRefused::getMessage).toList();
	}

}
