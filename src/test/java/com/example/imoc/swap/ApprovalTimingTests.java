package com.example.imoc.swap;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static com.example.imoc.swap.SwapFixtures.holder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A swap waiting for the coordinator's approval cannot be approved once either of its
 * shifts has started, even before the expiry job has noticed: the counterpart's start is
 * checked at approval as the requester's is. (Runs in the context with a clock the test
 * moves, shared with the other {@link ExternalApiTest} classes: it sets the clock back
 * after each test.)
 */
class ApprovalTimingTests extends ExternalApiTest {

	private static final JobKey EXPIRY = JobKey.jobKey("expire-swap-requests", "swap");

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	TestPeople testPeople;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Scheduler scheduler;

	/**
	 * The shared clock as the other classes of this context left it, given back after
	 * each test so that this class moves nobody else's time.
	 */
	private Instant sharedTime;

	@BeforeEach
	void holdTheExpiryJob() throws Exception {
		this.scheduler.pauseJob(EXPIRY);
		this.sharedTime = this.clock.instant();
		this.clock.set(Instant.now());
	}

	@AfterEach
	void releaseTheExpiryJobAndTheClock() throws Exception {
		this.clock.set(this.sharedTime);
		this.scheduler.resumeJob(EXPIRY);
	}

	@Test
	void anApprovalAfterTheCounterpartShiftStartedIsRefusedAndMovesNothing() {
		Planned planned = this.fixtures.planned(8, 3);
		this.jdbc.update("update rotation set swap_needs_approval = true where id = ?", planned.rotation().id());
		NewSwap ask = earlierCounterpart(this.fixtures.swappable(planned.rotation()));
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		ShiftView theirs = this.fixtures.shift(ask.counterpartShiftId());
		SwapRequest request = this.swaps.request(holder(mine), ask);
		assertThat(this.swaps.accept(holder(theirs), request.id(), null, "").state())
			.isEqualTo(SwapState.APPROVAL_PENDING);

		this.clock.set(theirs.start().plusSeconds(60));
		assertThat(mine.start()).isAfter(this.clock.instant());
		assertThatThrownBy(() -> this.swaps.approve(TestPeople.signedIn(this.testPeople.coordinator("Cleo Latecomer")),
				request.id(), "late"))
			.isInstanceOf(SwapRefused.class)
			.hasMessageContaining("has already started");
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(mine.assigneeId());
		assertThat(this.fixtures.shift(theirs.id()).assigneeId()).isEqualTo(theirs.assigneeId());
	}

	/** A swap the rules allow whose counterpart shift starts before the requester's. */
	private NewSwap earlierCounterpart(List<ShiftView> candidates) {
		for (ShiftView mine : candidates) {
			for (ShiftView theirs : candidates) {
				if (theirs.assigneeId().equals(mine.assigneeId()) || !theirs.start().isBefore(mine.start())) {
					continue;
				}
				NewSwap ask = new NewSwap(mine.id(), SwapKind.SWAP, theirs.id(), null, null, null, "please", null,
						false, null);
				if (this.swaps.validate(holder(mine), ask).isEmpty()) {
					return ask;
				}
			}
		}
		throw new IllegalStateException("no valid swap with an earlier counterpart in the test rotation");
	}

}
