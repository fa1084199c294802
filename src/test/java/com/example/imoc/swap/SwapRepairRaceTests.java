package com.example.imoc.swap;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditEntry;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.HeldScheduleJobs;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A cover being accepted while the schedule repair moves the same shift (its holder just
 * fell ill): one of the two wins, the other sees the change. Never both half applied,
 * never a 500, never two live owners, and the request's state, the shift's owner and the
 * audit trail tell the same story.
 */
@IntegrationTest
class SwapRepairRaceTests {

	private static final int ROUNDS = 10;

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRequests requests;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TimeAway timeAway;

	@Autowired
	PersonRepository people;

	@Autowired
	TestPeople testPeople;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	HeldScheduleJobs heldJobs;

	private ExecutorService pool;

	/**
	 * The repair job Quartz queues after people join a rotation would repair these
	 * rotations at moments of its own choosing; the tests call the repair it runs
	 * themselves, at the moments they choose.
	 */
	@BeforeEach
	void holdTheBackgroundJobs() throws Exception {
		this.heldJobs.hold();
		this.pool = Executors.newFixedThreadPool(2);
	}

	/**
	 * Lets the repairs queued meanwhile run now, not while the context shuts down after
	 * the last test.
	 */
	@AfterEach
	void resumeTheBackgroundJobs() throws Exception {
		this.pool.shutdownNow();
		this.heldJobs.releaseAndAwaitQueuedRepairs();
	}

	/**
	 * A pending cover of a shift whose holder has just been entered as ill on its day (no
	 * repair queued yet).
	 */
	record Round(Rotation rotation, ShiftView shift, SwapRequest request, Person requester, Person taker) {
	}

	private Round prepare(boolean needsApproval) {
		Planned planned = this.fixtures.planned(8, 3);
		if (needsApproval) {
			this.jdbc.update("update rotation set swap_needs_approval = true where id = ?", planned.rotation().id());
		}
		NewSwap cover = this.fixtures.validCover(planned);
		ShiftView shift = this.fixtures.shift(cover.shiftId());
		SwapRequest request = this.swaps.request(SwapFixtures.holder(shift), cover);
		this.timeAway.seed(shift.assigneeId(), Unavailability.Kind.SICK, shift.date(), shift.date(), "flu");
		return new Round(planned.rotation(), shift, request, this.people.findById(shift.assigneeId()).orElseThrow(),
				this.people.findById(cover.toPersonId()).orElseThrow());
	}

	private Callable<MvcResult> acceptThroughTheApi(Round round) {
		return () -> this.mvc
			.perform(post("/api/v1/swaps/{id}/accept", round.request().id())
				.with(user(TestPeople.signedIn(round.taker())))
				.with(csrf()))
			.andReturn();
	}

	/**
	 * Started at the same instant, round after round; which side wins is up to the
	 * threads (both do over the rounds, and the two tests below force each order), so
	 * each round checks that its story is consistent.
	 */
	@Test
	void acceptAndRepairStartedAtTheSameInstantLeaveOneConsistentWinner() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			Round round = prepare(false);
			CyclicBarrier together = new CyclicBarrier(2);
			Callable<MvcResult> accept = acceptThroughTheApi(round);
			Future<MvcResult> answer = this.pool.submit(() -> {
				together.await();
				return accept.call();
			});
			Future<ScheduleMaintenance.Outcome> repair = this.pool.submit(() -> {
				together.await();
				return this.maintenance.repair(round.rotation().id());
			});
			// get() rethrows whatever either side threw: a 500 or a failed repair ends
			// the test here.
			MvcResult result = answer.get(60, TimeUnit.SECONDS);
			repair.get(60, TimeUnit.SECONDS);
			if (result.getResponse().getStatus() == 200) {
				assertAcceptWon(round);
			}
			else {
				assertRepairWon(round, result);
			}
		}
	}

	@Test
	void aRepairThatStartsWhileTheAcceptIsCommittingWaitsAndLeavesTheNewOwnerAlone() throws Exception {
		Round round = prepare(false);
		CountDownLatch accepted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		Future<SwapRequest> swap = this.pool
			.submit(() -> new TransactionTemplate(this.transactionManager).execute(status -> {
				SwapRequest done = this.swaps.accept(TestPeople.signedIn(round.taker()), round.request().id(), null,
						"");
				accepted.countDown();
				awaitQuietly(commit);
				return done;
			}));
		assertThat(accepted.await(30, TimeUnit.SECONDS)).isTrue();
		Future<ScheduleMaintenance.Outcome> repair = this.pool
			.submit(() -> this.maintenance.repair(round.rotation().id()));
		awaitSomeoneWaitingForALock();
		commit.countDown();
		assertThat(swap.get(30, TimeUnit.SECONDS).state()).isEqualTo(SwapState.ACCEPTED);
		repair.get(30, TimeUnit.SECONDS);
		assertAcceptWon(round);
	}

	@Test
	void anAcceptThatArrivesWhileTheRepairIsCommittingWaitsAndIsRefusedWithAClearMessage() throws Exception {
		Round round = prepare(false);
		CountDownLatch repaired = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		Future<ScheduleMaintenance.Outcome> repair = this.pool
			.submit(() -> new TransactionTemplate(this.transactionManager).execute(status -> {
				ScheduleMaintenance.Outcome outcome = this.maintenance.repair(round.rotation().id());
				repaired.countDown();
				awaitQuietly(commit);
				return outcome;
			}));
		assertThat(repaired.await(30, TimeUnit.SECONDS)).isTrue();
		Future<MvcResult> answer = this.pool.submit(acceptThroughTheApi(round));
		awaitSomeoneWaitingForALock();
		commit.countDown();
		repair.get(30, TimeUnit.SECONDS);
		assertRepairWon(round, answer.get(30, TimeUnit.SECONDS));
	}

	@Test
	void anApprovalAfterARepairMovedTheShiftIsRefusedAndLeavesTheRepairAlone() {
		Round round = prepare(true);
		assertThat(this.swaps.accept(TestPeople.signedIn(round.taker()), round.request().id(), null, "").state())
			.isEqualTo(SwapState.APPROVAL_PENDING);
		this.maintenance.repair(round.rotation().id());
		ShiftView repaired = this.fixtures.shift(round.shift().id());
		assertThat(repaired.assigneeId()).isNotEqualTo(round.requester().getId());
		Person coordinator = this.testPeople.coordinator("Cora Approves Late");
		assertThatThrownBy(() -> this.swaps.approve(TestPeople.signedIn(coordinator), round.request().id(), ""))
			.isInstanceOf(SwapRefused.class)
			.hasMessageContaining("no longer valid");
		assertThat(this.requests.find(round.request().id()).orElseThrow().state()).isEqualTo(SwapState.INVALID);
		ShiftView after = this.fixtures.shift(round.shift().id());
		assertThat(after.assigneeId()).isEqualTo(repaired.assigneeId());
		assertThat(after.version()).isEqualTo(repaired.version());
	}

	/**
	 * The cover went through: the taker holds the shift, as the request records, and the
	 * repair left it alone.
	 */
	private void assertAcceptWon(Round round) {
		ShiftView after = this.fixtures.shift(round.shift().id());
		SwapRequest request = this.requests.find(round.request().id()).orElseThrow();
		assertThat(request.state()).isEqualTo(SwapState.ACCEPTED);
		assertThat(after.isCancelled()).isFalse();
		assertThat(after.assigneeId()).as("owner after the accepted cover").isEqualTo(round.taker().getId());
		assertThat(after.version()).isEqualTo(request.resultShiftVersion());
		assertThat(after.reason()).contains("request #" + request.id());
		assertThat(repairsOf(round.shift())).as("the repair must not have moved the covered shift").isEmpty();
		assertThat(actions(request)).contains("swap.accepted").doesNotContain("swap.invalid");
		assertOneLiveOwner(round.shift());
	}

	/**
	 * The repair went first: the shift moved off the ill holder, the request is invalid,
	 * the API said why.
	 */
	private void assertRepairWon(Round round, MvcResult answer) throws Exception {
		assertThat(answer.getResponse().getStatus()).isEqualTo(409);
		assertThat(answer.getResponse().getContentAsString()).contains("no longer valid")
			.contains("the schedule was repaired");
		ShiftView after = this.fixtures.shift(round.shift().id());
		SwapRequest request = this.requests.find(round.request().id()).orElseThrow();
		assertThat(request.state()).isEqualTo(SwapState.INVALID);
		assertThat(request.resultShiftId()).isNull();
		assertThat(after.isCancelled()).isFalse();
		assertThat(after.assigneeId()).isNotEqualTo(round.requester().getId());
		assertThat(after.reason()).doesNotContain("request #");
		List<AuditEntry> repairs = repairsOf(round.shift());
		assertThat(repairs).hasSize(1);
		assertThat(repairs.get(0).getDetails()).startsWith(
				round.requester().getName() + " → " + (after.isGap() ? "nobody (gap)" : after.assigneeName()) + " (");
		assertThat(actions(request)).contains("swap.invalid").doesNotContain("swap.accepted");
		assertOneLiveOwner(round.shift());
	}

	private List<AuditEntry> repairsOf(ShiftView shift) {
		return this.auditLog.about("shift", shift.id())
			.stream()
			.filter(e -> e.getAction().equals("shift.reassigned"))
			.toList();
	}

	private List<String> actions(SwapRequest request) {
		return this.auditLog.about("swap", request.id()).stream().map(AuditEntry::getAction).toList();
	}

	/**
	 * One live primary shift over the shift's time in its slot, and its owner holds
	 * nothing overlapping it.
	 */
	private void assertOneLiveOwner(ShiftView shift) {
		assertThat(this.jdbc.queryForObject("""
				select count(*) from shift where rotation_id = ? and slot_id = ? and state = 'SCHEDULED' and not shadow
				and tstzrange(starts_at, ends_at) && tstzrange(?, ?)""", Integer.class, shift.rotationId(),
				shift.slotId(), Timestamp.from(shift.start()), Timestamp.from(shift.end())))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("""
				select count(*) from shift a join shift b on a.assignee_id = b.assignee_id and a.id < b.id
				where a.rotation_id = ? and a.state = 'SCHEDULED' and b.state = 'SCHEDULED'
				and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)""", Integer.class,
				shift.rotationId()))
			.isZero();
	}

	/**
	 * Waits (up to 30 s) until some database session waits for a lock another one holds.
	 */
	private void awaitSomeoneWaitingForALock() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (this.jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'",
				Integer.class) == 0) {
			assertThat(Instant.now()).as("a session waiting for a lock").isBefore(deadline);
			Thread.sleep(20);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			if (!latch.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never released the transaction");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
