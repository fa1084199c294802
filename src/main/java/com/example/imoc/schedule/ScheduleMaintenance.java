package com.example.imoc.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.PersonFacts;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.planning.Assigner;
import com.example.imoc.schedule.planning.Candidate;
import com.example.imoc.schedule.planning.ExistingShift;
import com.example.imoc.schedule.planning.FairnessLoad;
import com.example.imoc.schedule.planning.JoinCredit;
import com.example.imoc.schedule.planning.Layer;
import com.example.imoc.schedule.planning.PlannedShift;
import com.example.imoc.schedule.planning.Reassignment;
import com.example.imoc.schedule.planning.RotationRules;
import com.example.imoc.schedule.planning.ShiftClock;
import com.example.imoc.schedule.planning.Slot;
import com.example.imoc.schedule.planning.TimeRange;

/**
 * Keeps each rotation's schedule filled: extends it to its horizon and repairs shifts
 * whose owner can no longer take them. The decisions are the plain-Java
 * {@link Assigner}'s; this class feeds it from the database and writes its answer back in
 * one transaction per rotation, under a per-rotation advisory lock so a Quartz job on
 * another node and the coordinator's button never interleave.
 */
@Service
public class ScheduleMaintenance {

	private static final Logger log = LoggerFactory.getLogger(ScheduleMaintenance.class);

	/**
	 * Existing shifts this far before the planning start still matter (rest and overlap).
	 */
	private static final Duration LOOK_BACK = Duration.ofDays(2);

	private final Rotations rotations;

	private final Roster roster;

	private final TimeAway timeAway;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PublicHolidays holidays;

	private final Assigner assigner = new Assigner();

	/**
	 * Rotations already reported as having no participants (see
	 * {@link #noteWithoutParticipants}).
	 */
	private final Set<Long> withoutParticipants = ConcurrentHashMap.newKeySet();

	ScheduleMaintenance(Rotations rotations, Roster roster, TimeAway timeAway, JdbcClient jdbc,
			JdbcTemplate jdbcTemplate, AuditLog auditLog, ApplicationEventPublisher events, Clock clock,
			PublicHolidays holidays) {
		this.rotations = rotations;
		this.roster = roster;
		this.timeAway = timeAway;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.auditLog = auditLog;
		this.events = events;
		this.clock = clock;
		this.holidays = holidays;
	}

	public record Outcome(String rotation, int created, int gaps, int reassigned) {

		@Override
		public String toString() {
			return this.rotation + ": " + this.created + " shifts created (" + this.gaps + " gaps), " + this.reassigned
					+ " reassigned";
		}

	}

	/** Repairs then extends one rotation. */
	@Transactional
	public Outcome maintain(long rotationId) {
		Rotation rotation = lockAndLoad(rotationId);
		int reassigned = repair(rotation);
		Outcome extended = extend(rotation);
		return new Outcome(rotation.name(), extended.created(), extended.gaps(), reassigned);
	}

	/** Repairs one rotation: only shifts that became invalid change. */
	@Transactional
	public Outcome repair(long rotationId) {
		Rotation rotation = lockAndLoad(rotationId);
		return new Outcome(rotation.name(), 0, 0, repair(rotation));
	}

	/**
	 * Cancels the future shifts (after the freeze window) of slots taken out of a
	 * rotation. The rows stay, as CANCELLED with a higher sequence, so calendars remove
	 * the events instead of keeping stale ones.
	 */
	@Transactional
	public int cancelShiftsOfRetiredSlots(long rotationId, List<Long> slotIds) {
		Rotation rotation = lockAndLoad(rotationId);
		Instant now = this.clock.instant();
		Instant frozenUntil = now.plus(Duration.ofDays(rotation.freezeDays()));
		int cancelled = 0;
		for (Long slotId : slotIds) {
			List<long[]> rows = this.jdbc
				.sql("""
						update shift set state = 'CANCELLED', sequence = sequence + 1, version = version + 1, updated_at = ?,
						       reason = 'slot removed from the rotation'
						where rotation_id = ? and slot_id = ? and state = 'SCHEDULED' and starts_at >= ?
						returning id, coalesce(assignee_id, -1)""")
				.params(Timestamp.from(now), rotationId, slotId, Timestamp.from(frozenUntil))
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
				.list();
			for (long[] row : rows) {
				Long owner = row[1] < 0 ? null : row[1];
				this.events.publishEvent(
						new ShiftReassigned(row[0], rotationId, owner, null, now, "slot removed from the rotation"));
			}
			cancelled += rows.size();
		}
		if (cancelled > 0) {
			this.auditLog.record("schedule.slots-removed", "rotation", rotationId,
					cancelled + " future shifts cancelled in removed slots");
		}
		return cancelled;
	}

	private Rotation lockAndLoad(long rotationId) {
		this.jdbc.sql("select pg_advisory_xact_lock(4242100, ?)").param((int) rotationId).query(Object.class).single();
		return this.rotations.find(rotationId)
			.orElseThrow(() -> new IllegalArgumentException("no rotation " + rotationId));
	}

	/**
	 * Plans from a date in the past as if the rotation had run since then (demo history);
	 * never touches existing shifts.
	 */
	@Transactional
	public Outcome backfill(long rotationId, LocalDate from) {
		Rotation rotation = lockAndLoad(rotationId);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), rotation.zone());
		return plan(rotation, from, rules(rotation).horizonEnd(today, rotation.horizonWeeks()), Instant.MIN);
	}

	/**
	 * What extending the rotation to {@code until} would plan now, with the current
	 * roster and time away, writing nothing and taking no lock: the schedule health
	 * page's forecast of the gaps beyond the stored schedule. Existing shifts stay as
	 * they are and are planned around, as the real extension does.
	 */
	@Transactional(readOnly = true)
	public List<PlannedShift> preview(long rotationId, LocalDate until) {
		Rotation rotation = this.rotations.find(rotationId)
			.orElseThrow(() -> new IllegalArgumentException("no rotation " + rotationId));
		Instant now = this.clock.instant();
		LocalDate from = LocalDate.ofInstant(now, rotation.zone()).minusDays(1);
		ShiftClock shiftClock = new ShiftClock(rotation.zone());
		Instant planningStart = shiftClock.startOfDay(from);
		List<Candidate> candidates = candidates(rotation, planningStart, shiftClock.startOfDay(until.plusDays(1)));
		List<ExistingShift> existing = existing(rotation, planningStart.minus(LOOK_BACK));
		return this.assigner.extend(rules(rotation), candidates, existing, from, until)
			.stream()
			.filter(shift -> shift.end().isAfter(now))
			.toList();
	}

	/**
	 * The load the assigner starts from for {@code personId} when it plans from the start
	 * of {@code day}: their shifts in the fairness window before it, weighed by
	 * {@link FairnessLoad} (not faded yet: the fade starts at that instant). Empty when
	 * the person is not a participant.
	 */
	@Transactional(readOnly = true)
	Optional<FairnessLoad> priorLoad(long rotationId, long personId, LocalDate day) {
		Rotation rotation = this.rotations.find(rotationId)
			.orElseThrow(() -> new IllegalArgumentException("no rotation " + rotationId));
		Instant start = new ShiftClock(rotation.zone()).startOfDay(day);
		return candidates(rotation, start, start).stream()
			.filter(candidate -> candidate.personId() == personId)
			.findFirst()
			.map(candidate -> new FairnessLoad(candidate.priorHours(), candidate.priorWeekendHours(),
					candidate.priorHolidayHours(), 0));
	}

	/**
	 * Plans from yesterday (only shifts not yet over are kept: a slot that crosses
	 * midnight started yesterday and may be running now) to the end of the block
	 * containing today + the horizon. Whole blocks: a horizon that cut a block would
	 * leave its last days to the next day's run, which would plan them apart from the
	 * rest.
	 */
	private Outcome extend(Rotation rotation) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), rotation.zone());
		return plan(rotation, today.minusDays(1), rules(rotation).horizonEnd(today, rotation.horizonWeeks()),
				this.clock.instant());
	}

	private Outcome plan(Rotation rotation, LocalDate from, LocalDate until, Instant notEndingBefore) {
		Instant now = this.clock.instant();
		ShiftClock shiftClock = new ShiftClock(rotation.zone());
		RotationRules rules = rules(rotation);
		Instant planningStart = shiftClock.startOfDay(from);
		Instant planningEnd = shiftClock.startOfDay(until.plusDays(1));
		List<Candidate> candidates = candidates(rotation, planningStart, planningEnd);
		if (candidates.isEmpty()) {
			noteWithoutParticipants(rotation);
			return new Outcome(rotation.name(), 0, 0, 0);
		}
		this.withoutParticipants.remove(rotation.id());
		List<ExistingShift> existing = existing(rotation, planningStart.minus(LOOK_BACK));
		List<PlannedShift> planned = this.assigner.extend(rules, candidates, existing, from, until)
			.stream()
			.filter(shift -> shift.end().isAfter(notEndingBefore))
			.toList();
		insert(rotation, planned, now);
		int gaps = (int) planned.stream().filter(s -> s.assigneeId() == null).count();
		if (!planned.isEmpty()) {
			this.auditLog.record("schedule.extended", "rotation", rotation.id(), planned.size()
					+ " shifts created up to " + until + (gaps > 0 ? ", " + gaps + " coverage gaps" : ""));
			log.info("Rotation {} extended to {}: {} shifts, {} gaps", rotation.name(), until, planned.size(), gaps);
		}
		if (gaps > 0) {
			this.events.publishEvent(new CoverageGapsFound(rotation.id(), gaps));
		}
		return new Outcome(rotation.name(), planned.size(), gaps, 0);
	}

	/**
	 * A rotation nobody has joined yet (a fresh install before its roster arrives, a
	 * rotation just created) gets no shifts: months of coverage gaps saying "the roster
	 * is empty" would stay behind once people join a second later, and be filled one
	 * shift at a time. Said once per node until someone joins; the gaps a rotation with
	 * participants cannot staff are still planned, with their reasons.
	 */
	private void noteWithoutParticipants(Rotation rotation) {
		if (this.withoutParticipants.add(rotation.id())) {
			log.warn("Rotation {} has no participants; it is not planned until someone joins it", rotation.name());
		}
	}

	private int repair(Rotation rotation) {
		Instant now = this.clock.instant();
		Instant frozenUntil = now.plus(Duration.ofDays(rotation.freezeDays()));
		RotationRules rules = rules(rotation);
		Instant endingAfter = now.minus(rotation.minimumRest()).minus(LOOK_BACK);
		lockShifts(rotation, endingAfter);
		List<ExistingShift> future = existing(rotation, endingAfter);
		if (future.isEmpty()) {
			return 0;
		}
		Instant horizon = future.stream().map(ExistingShift::end).max(Instant::compareTo).orElse(frozenUntil);
		List<Reassignment> changes;
		if (hasGapToFill(future, frozenUntil)) {
			changes = reassignments(rules, candidates(rotation, frozenUntil, now, horizon, null), future, now,
					frozenUntil);
		}
		else {
			// Without a gap to fill, a shift changes only when its own holder can no
			// longer take it, which their own circumstances decide: ask about the
			// holders first (at 1,000 people a few dozen instead of everyone, most
			// repairs after a change end here) and bring in the whole roster only when
			// someone must be replaced.
			Set<Long> holders = new HashSet<>();
			future.stream().map(ExistingShift::assigneeId).filter(Objects::nonNull).forEach(holders::add);
			changes = reassignments(rules, candidates(rotation, frozenUntil, now, horizon, holders), future, now,
					frozenUntil);
			if (!changes.isEmpty()) {
				changes = reassignments(rules, candidates(rotation, frozenUntil, now, horizon, null), future, now,
						frozenUntil);
			}
		}
		if (changes.isEmpty()) {
			return 0;
		}
		Map<Long, ExistingShift> byId = new HashMap<>();
		future.forEach(s -> byId.put(s.id(), s));
		Map<Long, String> names = new HashMap<>();
		List<Long> involved = new ArrayList<>();
		for (Reassignment change : changes) {
			involved.add(change.newAssigneeId());
			involved.add(byId.get(change.shiftId()).assigneeId());
		}
		involved.removeIf(id -> id == null);
		this.roster.facts(involved).forEach(p -> names.put(p.id(), p.name()));
		// A shift belongs to its owner's layer, as after a swap (ShiftChanges); a gap
		// keeps its layer.
		Map<Long, Long> layerOf = new HashMap<>();
		this.rotations.participants(rotation.id()).forEach(p -> layerOf.put(p.personId(), p.layerId()));
		int gaps = 0;
		for (Reassignment change : changes) {
			ExistingShift before = byId.get(change.shiftId());
			boolean dropShadow = before.shadow() && change.newAssigneeId() == null;
			// A shadow row keeps its person and is cancelled; a primary shift changes
			// owner (or becomes a gap).
			this.jdbc.sql("""
					update shift set assignee_id = ?, layer_id = coalesce(?, layer_id), fairness_weight = 1, reason = ?,
					       state = ?, sequence = sequence + 1, version = version + 1, updated_at = ?
					where id = ?""")
				.params(dropShadow ? before.assigneeId() : change.newAssigneeId(),
						change.newAssigneeId() == null ? null : layerOf.get(change.newAssigneeId()), change.reason(),
						dropShadow ? "CANCELLED" : "SCHEDULED", Timestamp.from(now), change.shiftId())
				.update();
			if (change.newAssigneeId() == null && !before.shadow()) {
				gaps++;
			}
			this.auditLog.record("shift.reassigned", "shift", change.shiftId(),
					nameOf(names, before.assigneeId()) + " → " + nameOf(names, change.newAssigneeId()) + " ("
							+ rotation.name() + " " + before.slot() + " " + before.start() + "): " + change.reason());
			this.events.publishEvent(new ShiftReassigned(change.shiftId(), rotation.id(), before.assigneeId(),
					change.newAssigneeId(), now, change.reason()));
		}
		if (gaps > 0) {
			this.events.publishEvent(new CoverageGapsFound(rotation.id(), gaps));
		}
		return changes.size();
	}

	private List<Reassignment> reassignments(RotationRules rules, List<Candidate> candidates,
			List<ExistingShift> future, Instant now, Instant frozenUntil) {
		List<Reassignment> changes = new ArrayList<>(this.assigner.repair(rules, candidates, future, frozenUntil));
		changes.addAll(this.assigner.releaseFrozenShadows(rules, candidates, future, now, frozenUntil));
		return changes;
	}

	/** A coverage gap (not a shadow row) repair may fill: from the freeze window on. */
	static boolean hasGapToFill(List<ExistingShift> shifts, Instant frozenUntil) {
		return shifts.stream().anyMatch(s -> s.isGap() && !s.shadow() && !s.start().isBefore(frozenUntil));
	}

	/**
	 * Locks the rows repair reads and may change, in id order like
	 * {@link ShiftChanges#lock}, before reading them. A swap being accepted at this
	 * moment then either commits first (repair reads its new owner and plans around it)
	 * or waits for the repair to commit (and finds its shift changed). Without the lock,
	 * repair could read the old owner, wait for the swap's row lock, and overwrite the
	 * owner the swap had just set.
	 */
	private void lockShifts(Rotation rotation, Instant endingAfter) {
		this.jdbc.sql("""
				select id from shift where rotation_id = ? and state = 'SCHEDULED' and ends_at > ?
				order by id for update""").params(rotation.id(), Timestamp.from(endingAfter)).query(Long.class).list();
	}

	private static String nameOf(Map<Long, String> names, Long id) {
		return id == null ? "nobody (gap)" : names.getOrDefault(id, "#" + id);
	}

	static RotationRules rules(Rotation rotation) {
		List<Slot> slots = rotation.slots().stream().map(s -> new Slot(s.label(), s.start(), s.end())).toList();
		List<Layer> layers = rotation.layers()
			.stream()
			.map(l -> new Layer(l.name(), l.days(), l.precedence()))
			.toList();
		return new RotationRules(rotation.zone(), slots, rotation.blockDays(), rotation.anchor(), layers,
				rotation.minimumRest(), Duration.ofDays(rotation.fairnessWindowDays()));
	}

	/**
	 * The participants as the assigner sees them: eligibility, layer, preferences, time
	 * away (plus shifts they hold in other rotations, which are just as busy), their own
	 * calendar (zone and region's holidays) and weekdays-only contract, and their load in
	 * the fairness window before {@code priorUntil}, whose weekend and holiday parts come
	 * from the same {@link WorkCalendar} the assigner uses for planned shifts, so a shift
	 * weighs the same before and after it moves into the past.
	 */
	private List<Candidate> candidates(Rotation rotation, Instant priorUntil, Instant horizon) {
		return candidates(rotation, priorUntil, priorUntil, horizon, null);
	}

	/**
	 * As {@link #candidates(Rotation, Instant, Instant)}, for the participants in
	 * {@code only} (everyone when null). Time away and shifts in other rotations are read
	 * from {@code busyFrom} on: the assigner compares them with the shifts it plans or
	 * checks, which all start there or later (not from the start of the fairness window:
	 * at 1,000 people that was thousands of entries nobody compared).
	 */
	private List<Candidate> candidates(Rotation rotation, Instant priorUntil, Instant busyFrom, Instant horizon,
			Set<Long> only) {
		List<Participant> members = this.rotations.participants(rotation.id());
		List<Participant> participants = members.stream()
			.filter(p -> only == null || only.contains(p.personId()))
			.toList();
		// Read-only facts, not entities: a thousand managed people cost more to load and
		// to check at commit than the planning itself.
		Map<Long, PersonFacts> byId = new HashMap<>();
		this.roster.facts(participants.stream().map(Participant::personId).toList()).forEach(p -> byId.put(p.id(), p));
		Instant windowStart = priorUntil.minus(Duration.ofDays(rotation.fairnessWindowDays()));
		Map<Long, List<TimeRange>> busy = new HashMap<>();
		for (TimeAway.Stretch away : this.timeAway.stretches(busyFrom, horizon, only)) {
			busy.computeIfAbsent(away.personId(), k -> new ArrayList<>())
				.add(new TimeRange(away.startsAt(), away.endsAt()));
		}
		this.jdbc
			.sql("""
					select assignee_id, starts_at, ends_at from shift
					where rotation_id <> ? and state = 'SCHEDULED' and assignee_id is not null and ends_at > ? and starts_at < ?""")
			.params(rotation.id(), Timestamp.from(busyFrom), Timestamp.from(horizon))
			.query((rs, n) -> {
				busy.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new TimeRange(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
				return null;
			})
			.list();
		Map<Long, WorkCalendar> calendars = this.holidays.calendarsOfFacts(byId.values());
		// Load as fairness counts it (FairnessLoad): each shift's hours times its
		// fairness_weight (volunteered on a special day), its weekend and holiday hours.
		Map<Long, Duration[]> load = new HashMap<>();
		this.jdbc.sql("""
				select assignee_id, starts_at, ends_at, fairness_weight from shift
				where rotation_id = ? and state = 'SCHEDULED' and not shadow and assignee_id is not null
				  and starts_at >= ? and starts_at < ?""")
			.params(rotation.id(), Timestamp.from(windowStart), Timestamp.from(priorUntil))
			.query((rs, n) -> {
				long who = rs.getLong(1);
				Instant start = rs.getTimestamp(2).toInstant();
				Instant end = rs.getTimestamp(3).toInstant();
				Duration[] sum = load.computeIfAbsent(who,
						k -> new Duration[] { Duration.ZERO, Duration.ZERO, Duration.ZERO });
				FairnessLoad shift = FairnessLoad.ofShift(calendars.getOrDefault(who, WorkCalendar.UTC), start, end,
						rs.getDouble(4));
				sum[0] = sum[0].plus(shift.onCall());
				sum[1] = sum[1].plus(shift.weekend());
				sum[2] = sum[2].plus(shift.holiday());
				return null;
			})
			.list();
		// Someone who joined inside the window is counted from then (JoinCredit), at the
		// rate all members carried the window: the rate reads everyone's load, also when
		// only some are planned (their weekend part then in UTC for those not read).
		Map<Long, Instant> joined = new HashMap<>();
		Map<Long, FairnessLoad> memberLoad = new HashMap<>();
		for (Participant member : members) {
			joined.put(member.personId(), member.joinedAt());
			Duration[] sum = load.get(member.personId());
			if (sum != null) {
				memberLoad.put(member.personId(), new FairnessLoad(sum[0], sum[1], sum[2], 0));
			}
		}
		Map<Long, FairnessLoad> credit = JoinCredit.of(joined, memberLoad, windowStart, priorUntil);
		List<Candidate> candidates = new ArrayList<>();
		LocalDate today = LocalDate.now(this.clock);
		for (Participant participant : participants) {
			PersonFacts person = byId.get(participant.personId());
			RotationLayer layer = rotation.layer(participant.layerId()).orElseThrow();
			Duration[] prior = load.getOrDefault(person.id(),
					new Duration[] { Duration.ZERO, Duration.ZERO, Duration.ZERO });
			FairnessLoad joinCredit = credit.get(person.id());
			if (joinCredit != null) {
				prior = new Duration[] { prior[0].plus(joinCredit.onCall()), prior[1].plus(joinCredit.weekend()),
						prior[2].plus(joinCredit.holiday()) };
			}
			// Judged on the shift's date: someone a few days short of the tenure rule is
			// planned from that day on.
			Optional<LocalDate> eligibleFrom = this.roster.eligibleFrom(person);
			Candidate.Role role = switch (person.onboardingState()) {
				case SHADOW -> Candidate.Role.SHADOW;
				case REVERSE_SHADOW -> Candidate.Role.REVERSE_SHADOW;
				case ACTIVE, OFFBOARDED -> Candidate.Role.IM;
			};
			candidates.add(new Candidate(person.id(), person.name(), layer.name(), Set.copyOf(person.preferredSlots()),
					role, busy.getOrDefault(person.id(), List.of()), prior[0], prior[1], eligibleFrom.isPresent(),
					eligibleFrom.filter(day -> day.isAfter(today)).orElse(null), calendars.get(person.id()),
					person.weekdaysOnly(), prior[2]));
		}
		return candidates;
	}

	private List<ExistingShift> existing(Rotation rotation, Instant endingAfter) {
		return this.jdbc
			.sql("""
					select s.id, sl.label, l.name, s.starts_at, s.ends_at, s.assignee_id, s.shadow, s.local_date
					from shift s join rotation_slot_view sl on sl.id = s.slot_id join rotation_layer_view l on l.id = s.layer_id
					where s.rotation_id = ? and s.state = 'SCHEDULED' and s.ends_at > ?
					order by s.starts_at, s.id""")
			.params(rotation.id(), Timestamp.from(endingAfter))
			.query((rs, n) -> {
				long assignee = rs.getLong(6);
				Long assigneeId = rs.wasNull() ? null : assignee;
				return new ExistingShift(rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), assigneeId, rs.getBoolean(7),
						rs.getObject(8, LocalDate.class));
			})
			.list();
	}

	private void insert(Rotation rotation, List<PlannedShift> planned, Instant now) {
		Map<String, Long> slotIds = new HashMap<>();
		rotation.slots().forEach(s -> slotIds.put(s.label(), s.id()));
		Map<String, Long> layerIds = new HashMap<>();
		rotation.layers().forEach(l -> layerIds.put(l.name(), l.id()));
		Timestamp stamp = Timestamp.from(now);
		this.jdbcTemplate.batchUpdate("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
				                   reason, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", planned, 500, (ps, shift) -> {
			ps.setLong(1, rotation.id());
			ps.setLong(2, layerIds.get(shift.layer()));
			ps.setLong(3, slotIds.get(shift.slot()));
			ps.setObject(4, shift.date());
			ps.setTimestamp(5, Timestamp.from(shift.start()));
			ps.setTimestamp(6, Timestamp.from(shift.end()));
			ps.setObject(7, shift.assigneeId());
			ps.setBoolean(8, shift.shadow());
			ps.setString(9, shift.reason());
			ps.setTimestamp(10, stamp);
			ps.setTimestamp(11, stamp);
		});
	}

}
