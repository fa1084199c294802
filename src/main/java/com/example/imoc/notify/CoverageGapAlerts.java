package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.example.imoc.people.Eligibility;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonChanged;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Role;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.UnavailabilityChanged;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.CoverageGapsFound;
import com.example.imoc.schedule.ShiftReassigned;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * Tells the coordinators about coverage gaps: at once when the assigner leaves one or a
 * reassignment (repair, swap, cover) leaves a shift without owner, and in a daily digest
 * of every gap within the rotations' horizons.
 * <p>
 * The alerts are written just before the schedule change commits, in its transaction: the
 * gap and its alert exist together or not at all. Each gap is announced once
 * ({@code coverage_gap_alert}); one that is filled and opens again is announced again.
 * <p>
 * Inside the freeze window the assigner changes nothing, so a shift whose holder can no
 * longer take it (time away entered, deactivated, offboarded, no longer eligible) stays
 * theirs and is in effect a gap only the coordinator can fill: it is announced at once
 * too, in the transaction that made it so, not left for the daily digest.
 */
@Service
class CoverageGapAlerts {

	/** Gaps named one by one in a notice; the rest are counted. */
	static final int LISTED = 10;

	private final JdbcClient jdbc;

	private final Notifications notifications;

	private final PersonRepository people;

	private final Shifts shifts;

	private final Rotations rotations;

	private final Clock clock;

	private final NotifyProperties properties;

	private final TimeAway timeAway;

	private final Roster roster;

	CoverageGapAlerts(JdbcClient jdbc, Notifications notifications, PersonRepository people, Shifts shifts,
			Rotations rotations, Clock clock, NotifyProperties properties, TimeAway timeAway, Roster roster) {
		this.properties = properties;
		this.timeAway = timeAway;
		this.roster = roster;
		this.jdbc = jdbc;
		this.notifications = notifications;
		this.people = people;
		this.shifts = shifts;
		this.rotations = rotations;
		this.clock = clock;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(CoverageGapsFound event) {
		alertNewGaps(event.rotationId(), this.clock.instant());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(ShiftReassigned event) {
		if (event.toPersonId() != null) {
			this.jdbc.sql("delete from coverage_gap_alert where shift_id = ?").param(event.shiftId()).update();
		}
		else if (event.fromPersonId() != null) {
			alertNewGaps(event.rotationId(), this.clock.instant());
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(UnavailabilityChanged event) {
		alertFrozenUncovered(event.personId(), this.clock.instant());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(PersonChanged event) {
		alertFrozenUncovered(event.personId(), this.clock.instant());
	}

	/**
	 * Announces the shifts of {@code personId} that start within their rotation's freeze
	 * window and that they can no longer take, once each (a shift given to someone else
	 * clears its mark, as for gaps).
	 * @return how many shifts were announced
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int alertFrozenUncovered(long personId, Instant now) {
		Person holder = this.people.findById(personId).orElse(null);
		if (holder == null) {
			return 0;
		}
		int longestFreeze = this.rotations.all().stream().mapToInt(Rotation::freezeDays).max().orElse(0);
		List<ShiftView> frozen = this.shifts.ofPerson(personId, now, now.plus(Duration.ofDays(longestFreeze)))
			.stream()
			.filter(s -> !s.shadow() && s.start().isAfter(now))
			.filter(s -> s.start().isBefore(now.plus(Duration.ofDays(freezeDays(s.rotationId())))))
			.toList();
		if (frozen.isEmpty()) {
			return 0;
		}
		Eligibility eligibility = this.roster.eligibilityOf(holder);
		String why = !holder.isActive() || holder.getOnboardingState() == OnboardingState.OFFBOARDED
				? holder.getName() + " is no longer active" : !eligibility.eligible()
						? holder.getName() + " is no longer eligible (" + eligibility.reason() + ")" : null;
		int announced = 0;
		for (ShiftView shift : frozen) {
			String problem = why != null ? why
					: this.timeAway.overlapping(shift.start(), shift.end())
						.stream()
						.filter(a -> a.getPersonId() == personId)
						.findFirst()
						.map(a -> holder.getName() + " is away then (" + a.getKind().label() + ")")
						.orElse(null);
			if (problem == null || this.jdbc
				.sql("insert into coverage_gap_alert (shift_id, alerted_at) values (?, ?) on conflict do nothing")
				.params(shift.id(), Timestamp.from(now))
				.update() == 0) {
				continue;
			}
			announced++;
			for (Person coordinator : recipients(shift.rotationId())) {
				this.notifications.send(new Notice(coordinator.getId(), "coverage.gap",
						"Uncovered shift in the freeze window: " + shift.rotationName() + " "
								+ LocalTimes.dayAndTime(shift.start(), coordinator.zone()),
						problem + " during " + shift.rotationName() + " " + shift.slot() + ", "
								+ LocalTimes.span(shift.start(), shift.end(), coordinator.zone()) + " (times in "
								+ coordinator.getTimeZone() + ", shift " + shift.id() + ").\nIt starts within the "
								+ "freeze window, so the assigner leaves it as it is: give it to someone (a cover on "
								+ holder.getName() + "'s behalf) or ask for volunteers.",
						"/rotations/" + shift.rotationId() + "?week=" + shift.date()));
			}
		}
		return announced;
	}

	private int freezeDays(long rotationId) {
		return this.rotations.find(rotationId).map(Rotation::freezeDays).orElse(0);
	}

	/**
	 * Announces the future gaps of a rotation that nobody was told about yet.
	 * @return how many gaps were announced
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int alertNewGaps(long rotationId, Instant now) {
		List<Long> fresh = this.jdbc.sql("""
				insert into coverage_gap_alert (shift_id, alerted_at)
				select s.id, ? from shift_view s
				where s.rotation_id = ? and s.assignee_id is null and not s.shadow and s.state = 'SCHEDULED'
				  and s.starts_at > ?
				on conflict do nothing
				returning shift_id""")
			.params(Timestamp.from(now), rotationId, Timestamp.from(now))
			.query(Long.class)
			.list();
		if (fresh.isEmpty()) {
			return 0;
		}
		Set<Long> ids = Set.copyOf(fresh);
		List<ShiftView> gaps = this.shifts.ofRotation(rotationId, now, now.plus(Duration.ofDays(3 * 366)))
			.stream()
			.filter(s -> ids.contains(s.id()))
			.toList();
		if (gaps.isEmpty()) {
			return 0;
		}
		String rotation = gaps.get(0).rotationName();
		for (Person coordinator : recipients(rotationId)) {
			String subject = gaps.size() == 1
					? "Coverage gap in " + rotation + ": "
							+ LocalTimes.dayAndTime(gaps.get(0).start(), coordinator.zone())
					: gaps.size() + " new coverage gaps in " + rotation;
			String body = "Nobody holds " + (gaps.size() == 1 ? "this shift" : "these shifts") + " in " + rotation
					+ " (times in " + coordinator.getTimeZone() + "):\n" + list(gaps, coordinator)
					+ "\nAssign someone, or ask for volunteers.";
			this.notifications
				.send(new Notice(coordinator.getId(), "coverage.gap", subject, body, "/rotations/" + rotationId));
		}
		return gaps.size();
	}

	/**
	 * Sends each coordinator the list of gaps within every rotation's horizon, at most
	 * once a day (UTC date).
	 * @return how many coordinators got a digest
	 */
	@Transactional
	public int sendDigest(Instant now) {
		Map<Long, Rotation> byId = new LinkedHashMap<>();
		this.rotations.all().forEach(r -> byId.put(r.id(), r));
		int weeks = byId.values().stream().mapToInt(Rotation::horizonWeeks).max().orElse(0);
		List<ShiftView> gaps = this.shifts.gaps(now, now.plus(Duration.ofDays(7L * weeks)))
			.stream()
			.filter(s -> !s.shadow())
			.filter(s -> byId.containsKey(s.rotationId())
					&& s.start().isBefore(now.plus(Duration.ofDays(7L * byId.get(s.rotationId()).horizonWeeks()))))
			.toList();
		if (gaps.isEmpty()) {
			return 0;
		}
		Map<String, Long> perRotation = gaps.stream()
			.collect(Collectors.groupingBy(ShiftView::rotationName, LinkedHashMap::new, Collectors.counting()));
		String counts = perRotation.entrySet()
			.stream()
			.map(e -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining(", "));
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		int sent = 0;
		for (Person coordinator : coordinators()) {
			Notice digest = new Notice(coordinator.getId(), "coverage.digest",
					gaps.size() + " coverage gap" + (gaps.size() == 1 ? "" : "s") + " ahead (" + counts + ")",
					"Shifts nobody holds yet, within each rotation's planning horizon (times in "
							+ coordinator.getTimeZone() + "):\n" + list(gaps, coordinator),
					gaps.size() == 1 || perRotation.size() == 1 ? "/rotations/" + gaps.get(0).rotationId()
							: "/rotations");
			if (this.notifications.sendOnce(digest, "coverage-digest:" + today) != null) {
				sent++;
			}
		}
		return sent;
	}

	/**
	 * The coordinators, and with {@code imoc.notify.gap-alerts-to-participants} the
	 * rotation's active participants too (people in a rotation often pick up a gap
	 * themselves, as in GitLab's volunteer coverage).
	 */
	private List<Person> recipients(long rotationId) {
		List<Person> recipients = new ArrayList<>(coordinators());
		if (this.properties.gapAlertsToParticipants()) {
			Set<Long> already = new HashSet<>();
			recipients.forEach(p -> already.add(p.getId()));
			this.people.findAllById(this.rotations.participants(rotationId).stream().map(p -> p.personId()).toList())
				.stream()
				.filter(p -> p.isActive() && already.add(p.getId()))
				.sorted(Comparator.comparing(Person::getName))
				.forEach(recipients::add);
		}
		return recipients;
	}

	private List<Person> coordinators() {
		return this.people.findByRoleAndActiveTrueOrderByNameAsc(Role.COORDINATOR);
	}

	private static String list(List<ShiftView> gaps, Person reader) {
		StringBuilder list = new StringBuilder();
		gaps.stream()
			.limit(LISTED)
			.forEach(s -> list.append("- ")
				.append(s.rotationName())
				.append(' ')
				.append(s.slot())
				.append(", ")
				.append(LocalTimes.span(s.start(), s.end(), reader.zone()))
				.append(" (shift ")
				.append(s.id())
				.append(")\n"));
		if (gaps.size() > LISTED) {
			list.append("- and ").append(gaps.size() - LISTED).append(" more\n");
		}
		return list.toString();
	}

}
