package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.people.Roster;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.planning.FairnessFigures;
import com.example.imoc.schedule.planning.PlannedShift;

/**
 * A rotation's schedule health for its coordinator: coverage, the fairness figures
 * ({@link FairnessFigures}) on on-call, weighted and weekend hours, the load per person,
 * the share of hours in people's preferred slots, and the gaps in the next 52 weeks
 * (stored gaps plus a dry run of the assigner beyond the stored schedule). The page
 * ({@code /rotations/{id}/health}) and the API ({@code /api/v1/rotations/{id}/health})
 * show this one report.
 * <p>
 * Nothing is cached: the dry run depends on the clock, the roster and time away, and a
 * report is asked for rarely.
 */
@Service
class ScheduleHealth {

	/** How far ahead gaps are looked for. */
	static final int GAPS_AHEAD_WEEKS = 52;

	/** Gaps listed one by one; the rest are only counted. */
	static final int GAPS_LISTED = 100;

	private final Rotations rotations;

	private final Shifts shifts;

	private final PersonRepository people;

	private final Roster roster;

	private final ScheduleMaintenance maintenance;

	private final Clock clock;

	private final PublicHolidays holidays;

	ScheduleHealth(Rotations rotations, Shifts shifts, PersonRepository people, Roster roster,
			ScheduleMaintenance maintenance, Clock clock, PublicHolidays holidays) {
		this.holidays = holidays;
		this.rotations = rotations;
		this.shifts = shifts;
		this.people = people;
		this.roster = roster;
		this.maintenance = maintenance;
		this.clock = clock;
	}

	record RotationRef(long id, String name) {
	}

	/**
	 * Coverage of the primary shifts starting in the period: {@code share} = covered
	 * hours / slot hours (null when nothing is planned in the period).
	 */
	record Coverage(double slotHours, double coveredHours, double gapHours, Double share) {
	}

	record Outlier(long id, String name, double load) {
	}

	/** {@link FairnessFigures} of one load, with the outliers named. */
	record Figures(int people, double mean, double max, double gini, double balance, double equity, double maxOverMean,
			List<Outlier> outliers) {
	}

	record FairnessReport(Figures hours, Figures weightedHours, Figures weekendHours, Figures holidayHours) {
	}

	/**
	 * @param preferredSlotShare hours in the person's preferred slots / their hours; null
	 * without preferences
	 */
	record PersonLoad(long id, String name, double hours, double weightedHours, double weekendHours,
			double holidayHours, int shifts, int blocks, Double preferredSlotShare) {
	}

	/**
	 * Over the people with preferred slots: hours in those slots / all their hours (null
	 * when they hold none).
	 */
	record PreferredSlots(int people, double hours, double preferredHours, Double share) {
	}

	/**
	 * @param planned false for a stored gap, true for one the dry run foresees beyond the
	 * stored schedule
	 */
	record GapAhead(Long shiftId, String date, String slot, String start, String end, boolean planned, String reason) {
	}

	record GapsAhead(String from, String until, int stored, int forecast, List<GapAhead> gaps) {
	}

	record Report(RotationRef rotation, String from, String to, String zone, String generatedAt, String publishedUntil,
			String plannedUntil, Coverage coverage, FairnessReport fairness, List<PersonLoad> people,
			PreferredSlots preferredSlots, GapsAhead gapsAhead) {
	}

	/**
	 * Who may read a rotation's health: the coordinator, and the rotation's own
	 * participants (fairness in a rotation is public among its members, as on-call hours
	 * are).
	 */
	void checkReader(long rotationId, SignedInPerson reader) {
		if (reader == null) {
			throw new AccessDeniedException("Sign in first.");
		}
		if (!reader.isCoordinator()
				&& this.rotations.participants(rotationId).stream().noneMatch(p -> p.personId() == reader.id())) {
			throw new AccessDeniedException("Only the coordinator and the rotation's members see its health.");
		}
	}

	@Transactional(readOnly = true)
	Report report(Rotation rotation, LocalDate from, LocalDate to) {
		Instant now = this.clock.instant();
		ZoneId zone = rotation.zone();
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		List<ShiftView> primary = this.shifts.ofRotation(rotation.id(), start, end)
			.stream()
			.filter(s -> !s.shadow() && !s.start().isBefore(start) && s.start().isBefore(end))
			.toList();
		Map<Long, WorkCalendar> calendars = this.holidays.calendarsOf(this.people
			.findAllById(primary.stream().map(ShiftView::assigneeId).filter(Objects::nonNull).distinct().toList()));
		Fairness.Summary load = Fairness.of(primary, calendars::get,
				this.shifts.fairnessWeights(rotation.id(), start, end));
		Map<Long, Fairness.Row> rows = new LinkedHashMap<>();
		load.rows().forEach(r -> rows.put(r.personId(), r));
		// Everyone who could have held a shift counts, with nothing if they held none: a
		// participant never scheduled
		// is the unfairest case of all.
		List<Participant> participants = this.rotations.participants(rotation.id());
		Map<Long, Person> byId = new HashMap<>();
		List<Long> ids = new ArrayList<>(rows.keySet());
		participants.forEach(p -> ids.add(p.personId()));
		this.people.findAllById(ids).forEach(p -> byId.put(p.getId(), p));
		for (Participant participant : participants) {
			Person person = byId.get(participant.personId());
			if (person != null && !rows.containsKey(person.getId()) && person.isActive()
					&& !person.getOnboardingState().isTraining() && this.roster.eligibilityOf(person).eligible()) {
				rows.put(person.getId(), new Fairness.Row(person.getId(), person.getName(), 0, 0, 0, 0, 0, 0, 0));
			}
		}
		List<Fairness.Row> everyone = new ArrayList<>(rows.values());
		everyone.sort(Comparator.comparingDouble(Fairness.Row::hours).reversed().thenComparing(Fairness.Row::name));

		Map<Long, double[]> preferred = new HashMap<>();
		for (ShiftView shift : primary) {
			if (shift.isGap()) {
				continue;
			}
			Person person = byId.get(shift.assigneeId());
			if (person == null || person.getPreferredSlots().isEmpty()) {
				continue;
			}
			double[] hours = preferred.computeIfAbsent(person.getId(), k -> new double[2]);
			hours[0] += hours(shift);
			if (Set.copyOf(person.getPreferredSlots()).contains(shift.slot())) {
				hours[1] += hours(shift);
			}
		}
		List<PersonLoad> perPerson = everyone.stream().map(r -> {
			Person person = byId.get(r.personId());
			boolean prefers = person != null && !person.getPreferredSlots().isEmpty();
			double[] p = preferred.getOrDefault(r.personId(), new double[2]);
			return new PersonLoad(r.personId(), r.name(), round(r.hours()), round(r.weightedHours()),
					round(r.weekendHours()), round(r.holidayHours()), r.shifts(), r.blocks(),
					prefers && p[0] > 0 ? ratio(p[1] / p[0]) : null);
		}).toList();
		int preferring = (int) everyone.stream()
			.map(r -> byId.get(r.personId()))
			.filter(p -> p != null && !p.getPreferredSlots().isEmpty())
			.count();
		double preferringHours = preferred.values().stream().mapToDouble(h -> h[0]).sum();
		double preferredHours = preferred.values().stream().mapToDouble(h -> h[1]).sum();

		double slotHours = primary.stream().mapToDouble(ScheduleHealth::hours).sum();
		double gapHours = primary.stream().filter(ShiftView::isGap).mapToDouble(ScheduleHealth::hours).sum();
		Coverage coverage = new Coverage(round(slotHours), round(slotHours - gapHours), round(gapHours),
				slotHours == 0 ? null : ratio((slotHours - gapHours) / slotHours));

		FairnessReport fairness = new FairnessReport(figures(everyone, Fairness.Row::hours),
				figures(everyone, Fairness.Row::weightedHours), figures(everyone, Fairness.Row::weekendHours),
				figures(everyone, Fairness.Row::holidayHours));

		return new Report(new RotationRef(rotation.id(), rotation.name()), from.toString(), to.toString(), zone.getId(),
				now.toString(), this.rotations.publishedUntil(rotation.id()).map(Instant::toString).orElse(null),
				this.shifts.lastDate(rotation.id()).map(LocalDate::toString).orElse(null), coverage, fairness,
				perPerson,
				new PreferredSlots(preferring, round(preferringHours), round(preferredHours),
						preferringHours == 0 ? null : ratio(preferredHours / preferringHours)),
				gapsAhead(rotation, now));
	}

	/**
	 * The gaps in the next {@link #GAPS_AHEAD_WEEKS} weeks: those stored, then what the
	 * assigner would leave open if it planned the rest today with the current roster and
	 * time away (a dry run: nothing is written).
	 */
	private GapsAhead gapsAhead(Rotation rotation, Instant now) {
		Instant until = now.plus(Duration.ofDays(7L * GAPS_AHEAD_WEEKS));
		List<GapAhead> gaps = new ArrayList<>();
		this.shifts.gaps(now, until)
			.stream()
			.filter(s -> s.rotationId() == rotation.id() && !s.shadow())
			.forEach(s -> gaps.add(new GapAhead(s.id(), s.date().toString(), s.slot(), s.start().toString(),
					s.end().toString(), false, s.reason())));
		int stored = gaps.size();
		LocalDate lastDay = LocalDate.ofInstant(until, rotation.zone());
		for (PlannedShift shift : this.maintenance.preview(rotation.id(), lastDay)) {
			if (shift.isGap() && !shift.shadow() && shift.start().isBefore(until)) {
				gaps.add(new GapAhead(null, shift.date().toString(), shift.slot(), shift.start().toString(),
						shift.end().toString(), true, shift.reason()));
			}
		}
		int forecast = gaps.size() - stored;
		gaps.sort(Comparator.comparing(GapAhead::start));
		return new GapsAhead(now.toString(), until.toString(), stored, forecast,
				List.copyOf(gaps.subList(0, Math.min(GAPS_LISTED, gaps.size()))));
	}

	private static Figures figures(List<Fairness.Row> rows, ToDoubleFunction<Fairness.Row> load) {
		double[] loads = rows.stream().mapToDouble(load).toArray();
		FairnessFigures f = FairnessFigures.of(loads);
		List<Outlier> outliers = f.outliers()
			.stream()
			.map(i -> new Outlier(rows.get(i).personId(), rows.get(i).name(), round(loads[i])))
			.toList();
		return new Figures(f.people(), round(f.mean()), round(f.max()), ratio(f.gini()), ratio(f.balance()),
				round(f.equity()), ratio(f.maxOverMean()), outliers);
	}

	private static double hours(ShiftView shift) {
		return shift.length().toMinutes() / 60.0;
	}

	/** Hours and percentages to 2 decimals. */
	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/** Ratios to 4 decimals. */
	private static double ratio(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

}
