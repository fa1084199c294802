package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import com.example.imoc.people.Person;
import com.example.imoc.people.Role;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

/**
 * A planned rotation to swap in, and ways to find shifts in it.
 */
@Component
class SwapFixtures {

	final TestRotations testRotations;

	final ScheduleMaintenance maintenance;

	final Shifts shifts;

	final Swaps swaps;

	final Gaps gaps;

	SwapFixtures(TestRotations testRotations, ScheduleMaintenance maintenance, Shifts shifts, Swaps swaps, Gaps gaps) {
		this.gaps = gaps;
		this.testRotations = testRotations;
		this.maintenance = maintenance;
		this.shifts = shifts;
		this.swaps = swaps;
	}

	record Planned(Rotation rotation, List<Person> staff) {
	}

	Planned planned(int people, int weeks) {
		Rotation rotation = this.testRotations.imocLike(weeks);
		List<Person> staff = this.testRotations.staff(rotation, people);
		this.maintenance.maintain(rotation.id());
		return new Planned(rotation, staff);
	}

	/**
	 * Primary shifts starting after the freeze window (two days from now, to be safe).
	 */
	List<ShiftView> swappable(Rotation rotation) {
		Instant from = Instant.now().plus(Duration.ofDays(2));
		return this.shifts.ofRotation(rotation.id(), from, from.plus(Duration.ofDays(60)))
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(from))
			.toList();
	}

	/**
	 * A swap the rules allow: the first pair of shifts of different people that passes
	 * validation.
	 */
	NewSwap validSwap(Rotation rotation) {
		List<ShiftView> candidates = swappable(rotation);
		for (ShiftView mine : candidates) {
			for (ShiftView theirs : candidates) {
				if (theirs.assigneeId().equals(mine.assigneeId())) {
					continue;
				}
				NewSwap ask = new NewSwap(mine.id(), SwapKind.SWAP, theirs.id(), null, null, null, "please", null,
						false, null);
				if (this.swaps.validate(holder(mine), ask).isEmpty()) {
					return ask;
				}
			}
		}
		throw new IllegalStateException("no valid swap in the test rotation");
	}

	/** A cover the rules allow: a shift and a staff member who may take it. */
	NewSwap validCover(Planned planned) {
		for (ShiftView mine : swappable(planned.rotation())) {
			for (Person to : planned.staff()) {
				if (to.getId().equals(mine.assigneeId())) {
					continue;
				}
				NewSwap ask = new NewSwap(mine.id(), SwapKind.COVER, null, to.getId(), null, null, "", null, false,
						null);
				if (this.swaps.validate(holder(mine), ask).isEmpty()) {
					return ask;
				}
			}
		}
		throw new IllegalStateException("no valid cover in the test rotation");
	}

	ShiftView shift(long id) {
		return this.shifts.find(id).orElseThrow();
	}

	/** The holder of a shift, signed in. */
	static SignedInPerson holder(ShiftView shift) {
		return new SignedInPerson(shift.assigneeId(), shift.assigneeEmail(), shift.assigneeName(), null, Role.MANAGER,
				true);
	}

}
