package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.example.imoc.people.Person;
import com.example.imoc.people.Role;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;

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

	/**
	 * What a race to take one request ended in: who won, and what the others were told.
	 */
	record Race(List<Long> winners, List<String> refusals) {
	}

	/**
	 * Every taker accepts the request at the same moment, each on a thread of its own;
	 * waits (a minute at most) until all have an answer.
	 */
	Race raceToAccept(List<Person> takers, long requestId) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(takers.size());
		CountDownLatch start = new CountDownLatch(1);
		ConcurrentLinkedQueue<Long> winners = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
		for (Person taker : takers) {
			pool.submit(() -> {
				start.await();
				try {
					this.swaps.accept(TestPeople.signedIn(taker), requestId, null, "");
					winners.add(taker.getId());
				}
				catch (SwapRefused refused) {
					refusals.add(refused.getMessage());
				}
				return null;
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		return new Race(List.copyOf(winners), List.copyOf(refusals));
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
