package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * For tests outside this package (the browser journeys): a whole block someone holds in
 * the future and a person the swap rules let take every shift of it.
 */
@Component
public class BlockOffers {

	public record Offer(List<ShiftView> block, Person taker) {
	}

	private final Swaps swaps;

	private final SwapRules rules;

	private final Shifts shifts;

	BlockOffers(Swaps swaps, SwapRules rules, Shifts shifts) {
		this.swaps = swaps;
		this.rules = rules;
		this.shifts = shifts;
	}

	/**
	 * The first whole block (every day still ahead, after the freeze window) held by one
	 * of {@code people} that another of them may take as one cover.
	 */
	public Optional<Offer> coverableBlock(List<Person> people) {
		Instant from = Instant.now().plus(Duration.ofDays(2));
		for (Person holder : people) {
			for (ShiftView shift : this.shifts.ofPerson(holder.getId(), from, from.plus(Duration.ofDays(40)))) {
				if (shift.shadow() || !shift.start().isAfter(from)) {
					continue;
				}
				List<ShiftView> block = this.swaps.blockOf(shift, this.rules.check());
				int blockDays = this.rules.check().rotation(shift.rotationId()).blockDays();
				if (block.size() != blockDays || blockDays < 2 || block.get(0).id() != shift.id()) {
					continue;
				}
				for (Person taker : people) {
					if (taker.getId().equals(holder.getId())) {
						continue;
					}
					NewSwap ask = new NewSwap(shift.id(), SwapKind.COVER, null, taker.getId(), null, null, "", null,
							false, null, SwapScope.BLOCK, null, null, null, null);
					if (this.swaps.validate(TestPeople.signedIn(holder), ask).isEmpty()) {
						return Optional.of(new Offer(block, taker));
					}
				}
			}
		}
		return Optional.empty();
	}

}
