package com.example.imoc.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.Person;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.HeldScheduleJobs;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handover briefing: the outgoing and the incoming IM hear of each handoff
 * {@code imoc.notify.handover-lead} (30 min) before the shift ends, once, from the shifts
 * as they are then. The send-handoffs job is run every five simulated minutes over three
 * days with a clock the test moves.
 */
@IntegrationTest
class HandoverLeadTimeTests {

	static final Duration LEAD = Duration.ofMinutes(30);

	@Autowired
	Handoffs handoffs;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	ShiftChanges shiftChanges;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	HeldScheduleJobs heldJobs;

	/**
	 * The test plays the send-handoffs job on its own clock; the real repair would
	 * meanwhile mend its rotation.
	 */
	@BeforeEach
	void holdTheBackgroundJobs() throws Exception {
		this.heldJobs.hold();
	}

	@AfterEach
	void releaseTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	record Sent(long recipient, String link, Instant at) {
	}

	@Test
	void eachPairHearsOnceAtEndMinusTheLeadTimeAndASwapBeforeThenChangesWhoHears() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Instant from = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
		Instant until = from.plus(Duration.ofDays(3));
		List<ShiftView> planned = primaries(rotation, from, until);
		assertThat(planned).hasSizeGreaterThanOrEqualTo(15);
		// Halfway through, before its notice is due, the incoming shift of one handoff
		// goes to someone new.
		ShiftView swappedOutgoing = planned.get(planned.size() / 2);
		ShiftView swappedIncoming = planned.stream()
			.filter(s -> s.start().equals(swappedOutgoing.end()))
			.findFirst()
			.orElseThrow();
		// The newcomer joins the rotation: a shift held by a non-participant would
		// rightly be repaired away.
		Person newcomer = this.testRotations.staff(rotation, 1).get(0);
		Instant swapAt = swappedOutgoing.end().minus(LEAD).minus(Duration.ofMinutes(5));

		MutableClock clock = new MutableClock(from.minus(Duration.ofHours(1)));
		NotifyJobs.SendHandoffsJob job = new NotifyJobs.SendHandoffsJob(this.handoffs, clock);
		long seen = lastNotificationId();
		List<Sent> sent = new ArrayList<>();
		for (Instant t = clock.instant(); t.isBefore(until); t = t.plus(Duration.ofMinutes(5))) {
			clock.set(t);
			if (t.equals(swapAt)) {
				this.transaction.executeWithoutResult(tx -> this.shiftChanges.reassign(swappedIncoming.id(),
						this.shifts.find(swappedIncoming.id()).orElseThrow().version(), newcomer.getId(), "test swap"));
			}
			job.executeInternal(null);
			for (Sent s : handoffsAfter(seen, t)) {
				sent.add(s);
				seen = Math.max(seen, lastNotificationId());
			}
		}

		List<ShiftView> now = primaries(rotation, from.minus(Duration.ofDays(1)), until.plus(Duration.ofDays(1)));
		Map<Long, ShiftView> byId = new HashMap<>();
		now.forEach(s -> byId.put(s.id(), s));
		int pairs = 0;
		for (ShiftView outgoing : primaries(rotation, from, until)) {
			Instant due = outgoing.end().minus(LEAD);
			if (!due.isAfter(from.minus(Duration.ofHours(1))) || !due.isBefore(until)) {
				continue;
			}
			ShiftView incoming = now.stream().filter(s -> s.start().equals(outgoing.end())).findFirst().orElseThrow();
			String link = "/handover/" + outgoing.id();
			List<Sent> forShift = sent.stream().filter(s -> s.link().equals(link)).toList();
			if (outgoing.assigneeId().equals(incoming.assigneeId())) {
				assertThat(forShift).as("a block continuing with the same IM is no handoff").isEmpty();
				continue;
			}
			pairs++;
			assertThat(forShift).as("handoff of shift %d", outgoing.id())
				.containsExactlyInAnyOrder(new Sent(outgoing.assigneeId(), link, due),
						new Sent(incoming.assigneeId(), link, due));
			assertThat(due).isBefore(outgoing.end());
		}
		assertThat(pairs).isGreaterThanOrEqualTo(10);
		assertThat(sent).filteredOn(s -> s.link().equals("/handover/" + swappedOutgoing.id()))
			.extracting(Sent::recipient)
			.contains(newcomer.getId())
			.doesNotContain(swappedIncoming.assigneeId());
	}

	@Test
	void theOutgoingIMIsToldTheShiftEndsSoonAndToBriefTheNextOne() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Instant from = Instant.now().plus(Duration.ofDays(2));
		ShiftView outgoing = primaries(rotation, from, from.plus(Duration.ofDays(4))).stream()
			.filter(s -> this.handoffs.successor(s)
				.filter(n -> n.assigneeId() != null && !n.assigneeId().equals(s.assigneeId()))
				.isPresent())
			.findFirst()
			.orElseThrow();
		assertThat(this.handoffs.sendDue(outgoing.end().minus(LEAD).minusSeconds(1))).isZero();
		assertThat(this.handoffs.sendDue(outgoing.end().minus(LEAD))).isEqualTo(2);
		String body = this.jdbc
			.sql("select subject || ' ' || body from notification where recipient_id = ? and link = ?")
			.params(outgoing.assigneeId(), "/handover/" + outgoing.id())
			.query(String.class)
			.single();
		assertThat(body).contains("shift ends at", "ends soon", "brief them before you go");
		assertThat(this.handoffs.sendDue(outgoing.end())).isZero();
	}

	private List<ShiftView> primaries(Rotation rotation, Instant from, Instant to) {
		return this.shifts.ofRotation(rotation.id(), from, to)
			.stream()
			.filter(s -> !s.shadow() && s.start().compareTo(from) >= 0)
			.toList();
	}

	private long lastNotificationId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from notification").query(Long.class).single();
	}

	private List<Sent> handoffsAfter(long id, Instant at) {
		return this.jdbc
			.sql("select recipient_id, link from notification where kind = 'shift.handoff' and id > ? order by id")
			.param(id)
			.query((rs, n) -> new Sent(rs.getLong(1), rs.getString(2), at))
			.list();
	}

}
