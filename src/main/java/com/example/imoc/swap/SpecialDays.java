package com.example.imoc.swap;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.notify.Notice;
import com.example.imoc.notify.Notifications;
import com.example.imoc.people.PersonFacts;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapRules.Check;

/**
 * Special coverage days (DOMAIN.md: "company holidays are staffed by volunteers as
 * overrides"): the coordinator marks a day of a rotation, and each of its future shifts
 * becomes an open cover the first eligible volunteer takes. The holder keeps the shift
 * until then; a gap is offered as a gap. A volunteer's shift is marked
 * {@code volunteered}, so its hours weigh {@code imoc.fairness.special-day-weight} in
 * fairness.
 */
@Service
class SpecialDays {

	static final int LONGEST_NAME = 120;

	private final JdbcClient jdbc;

	private final SwapRequests requests;

	private final SwapRules rules;

	private final ShiftChanges shiftChanges;

	private final Shifts shifts;

	private final Swaps swaps;

	private final AuditLog auditLog;

	private final Notifications notifications;

	SpecialDays(JdbcClient jdbc, SwapRequests requests, SwapRules rules, ShiftChanges shiftChanges, Shifts shifts,
			Swaps swaps, AuditLog auditLog, Notifications notifications) {
		this.jdbc = jdbc;
		this.requests = requests;
		this.rules = rules;
		this.shiftChanges = shiftChanges;
		this.shifts = shifts;
		this.swaps = swaps;
		this.auditLog = auditLog;
		this.notifications = notifications;
	}

	record SpecialDay(long id, long rotationId, LocalDate day, String name, String createdBy, Instant createdAt) {
	}

	/**
	 * What marking a day did: covers offered, and shifts left alone because a request
	 * already waits on them.
	 */
	record Marked(SpecialDay day, int offered, int skipped) {
	}

	@Transactional(readOnly = true)
	public List<SpecialDay> of(long rotationId) {
		return this.jdbc.sql("""
				select id, rotation_id, day, name, created_by, created_at from special_coverage_day
				where rotation_id = ? order by day desc""")
			.param(rotationId)
			.query((rs, n) -> new SpecialDay(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
					rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	/**
	 * Marks {@code day} of the rotation as a special coverage day called {@code name} and
	 * offers its future shifts to volunteers. Problems come back by field, nothing
	 * changed.
	 */
	@Transactional
	public Marked mark(SignedInPerson actor, Rotation rotation, LocalDate day, String name) {
		if (!actor.isCoordinator()) {
			throw new AccessDeniedException("Only the coordinator marks special coverage days.");
		}
		Check check = this.rules.check();
		if (day.isBefore(LocalDate.ofInstant(check.now(), rotation.zone()))) {
			throw SwapRefused.input("day", "Choose today or a later day; past shifts are history.");
		}
		long id;
		try {
			id = this.jdbc.sql("""
					insert into special_coverage_day (rotation_id, day, name, created_by, created_at)
					values (?, ?, ?, ?, ?) returning id""")
				.params(rotation.id(), day, name, actor.email(), Timestamp.from(check.now()))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw SwapRefused.input("day", day + " is already a special coverage day in " + rotation.name() + ".");
		}
		List<ShiftView> onDay = this.shifts
			.ofRotation(rotation.id(), day.minusDays(1).atStartOfDay(rotation.zone()).toInstant(),
					day.plusDays(2).atStartOfDay(rotation.zone()).toInstant())
			.stream()
			.filter(s -> s.date().equals(day) && !s.shadow() && s.start().isAfter(check.now()))
			.toList();
		this.shiftChanges.lock(onDay.stream().map(ShiftView::id).toList());
		int offered = 0;
		int skipped = 0;
		Map<Long, List<ShiftView>> forVolunteers = new LinkedHashMap<>();
		Set<Long> holders = new LinkedHashSet<>();
		for (ShiftView shift : onDay) {
			if (this.requests.openForShift(shift.id()).isPresent()) {
				skipped++;
				continue;
			}
			boolean gap = shift.isGap();
			this.requests.insertOffer(gap ? actor.id() : shift.assigneeId(), shift.id(), shift.version(), gap, id,
					"Special coverage day: " + name, actor.email());
			offered++;
			if (!gap) {
				holders.add(shift.assigneeId());
			}
			for (PersonFacts taker : this.swaps.possibleTakers(shift, shift.start(), shift.end(), check)) {
				forVolunteers.computeIfAbsent(taker.id(), k -> new ArrayList<>()).add(shift);
			}
		}
		String link = "/rotations/" + rotation.id() + "?week=" + day;
		List<Notice> notices = new ArrayList<>();
		forVolunteers.forEach((person, shifts) -> notices
			.add(new Notice(person, "special-day.volunteers", name + ": volunteers wanted in " + rotation.name(),
					day + " (" + name + ") is a special coverage day in " + rotation.name() + ". " + shifts.size()
							+ " of its shifts you could take are open to volunteers; whoever takes one first gets it, "
							+ "and hours volunteered that day count extra in fairness.",
					link)));
		holders.forEach(holder -> notices
			.add(new Notice(holder, "special-day.holder", name + ": your shift is open to volunteers",
					day + " (" + name + ") is a special coverage day in " + rotation.name()
							+ ". Your shift that day is offered to volunteers; you keep it until someone takes it.",
					link)));
		this.notifications.sendAll(notices);
		this.auditLog.record("special-day.marked", "rotation", rotation.id(),
				day + " \"" + name + "\" by " + actor.email() + ": " + offered + " shifts open to volunteers"
						+ (skipped > 0 ? ", " + skipped + " left alone (a request already waits on them)" : ""));
		SpecialDay marked = of(rotation.id()).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
		return new Marked(marked, offered, skipped);
	}

}
