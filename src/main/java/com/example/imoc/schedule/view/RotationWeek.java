package com.example.imoc.schedule.view;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationSlot;
import com.example.imoc.rotation.Rotations.ParticipantName;
import com.example.imoc.schedule.ShiftView;

/**
 * What every viewer of a rotation's schedule page sees for one period in one time zone,
 * computed once per data generation and shared by all sessions ({@link RotationWeeks}).
 * Rows are the days of that zone; each shift is cut at the zone's midnights, so a shift
 * crossing midnight shows on both days, marked as continuing and as from the previous
 * day. Nothing here depends on who looks or when: the viewer's own shifts, the volunteer
 * links and "today" are added per request by the page.
 *
 * @param zone the zone the days and hours are in
 * @param rotationZone whether that is the rotation's zone (else the viewer's)
 * @param first the first day of the period (a Monday, or the 1st for a month)
 * @param columns the rotation's slots in the order their hours fall in {@code zone}'s day
 * @param days every day laid out (a month is filled out to whole weeks)
 * @param weeks the same days, seven to a row (the month calendar)
 * @param gapCount coverage gaps (shifts nobody holds) in the period
 * @param stamp the data generation it was computed from
 */
public record RotationWeek(long rotationId, GridView view, String zone, boolean rotationZone, LocalDate first,
		LocalDate previous, LocalDate next, String title, List<Column> columns, List<Day> days, List<List<Day>> weeks,
		int gapCount, LocalDate publishedUntil, List<ParticipantName> participants, List<Away> away, long stamp) {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

	/**
	 * A slot of the rotation as a column: its clock times in the rotation's zone and,
	 * when the page is in another zone, its hours there on the first day shown.
	 *
	 * @param heading what the column is called on the page: the hours in the page's zone
	 */
	public record Column(long slotId, String slot, String localHours, String heading) {
	}

	/**
	 * A day of the zone: one cell per column, and all its parts in time order (the month
	 * calendar and the phone list read those).
	 */
	public record Day(LocalDate date, String label, boolean weekend, boolean inPeriod, List<Cell> cells,
			List<Part> parts) {
	}

	/**
	 * What one slot holds on one day: consecutive parts, empty when nothing is planned.
	 */
	public record Cell(long slotId, String heading, String classes, List<Part> parts) {
	}

	/**
	 * The piece of a stored shift that falls on one day: who holds it (null: a coverage
	 * gap) and its hours in the page's zone ("20:30–24:00").
	 *
	 * @param classes the CSS classes that mark it (gap, draft, shadow, continues,
	 * from-previous), so the template adds only the personal ones
	 * @param start when the whole shift starts (a gap can be assigned until then)
	 */
	public record Part(long shiftId, long slotId, Long ownerId, String owner, String hours, String slot, boolean gap,
			boolean draft, boolean shadow, boolean weekdaysOnly, boolean continues, boolean fromPreviousDay,
			String reason, Instant start, String classes) {
	}

	/** Someone away during the period. */
	public record Away(long personId, String name, String kind, Instant startsAt, Instant endsAt) {
	}

	/** Whether {@code day} is one of the days shown. */
	public boolean shows(LocalDate day) {
		return !day.isBefore(this.days.get(0).date()) && !day.isAfter(this.days.get(this.days.size() - 1).date());
	}

	/**
	 * Lays the shifts of a rotation overlapping the period out over the days of
	 * {@code zone}.
	 * @param shifts live shifts overlapping the period, in start order
	 */
	static RotationWeek lay(Rotation rotation, ZoneId zone, boolean rotationZone, GridView view, LocalDate first,
			List<ShiftView> shifts, LocalDate publishedUntil, List<ParticipantName> participants, List<Away> away,
			long stamp) {
		LocalDate start = view.gridStart(first);
		LocalDate end = view.gridEnd(first);
		List<Column> columns = columns(rotation, zone, start);
		List<Day> days = new ArrayList<>();
		Set<Long> gaps = new HashSet<>();
		int from = 0;
		for (LocalDate date = start; date.isBefore(end); date = date.plusDays(1)) {
			Instant dayStart = date.atStartOfDay(zone).toInstant();
			Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
			while (from < shifts.size() && !shifts.get(from).end().isAfter(dayStart)) {
				from++;
			}
			List<Part> parts = new ArrayList<>();
			for (int i = from; i < shifts.size() && shifts.get(i).start().isBefore(dayEnd); i++) {
				ShiftView shift = shifts.get(i);
				if (shift.end().isAfter(dayStart)) {
					parts.add(part(shift, dayStart, dayEnd, zone));
					if (shift.isGap() && !shift.shadow() && !date.isBefore(first) && date.isBefore(view.next(first))) {
						gaps.add(shift.id());
					}
				}
			}
			// Shifts come in start order, so each list is in time order; shadows after.
			parts.sort(Comparator.comparing(Part::shadow));
			List<Cell> cells = new ArrayList<>();
			for (Column column : columns) {
				List<Part> inSlot = parts.stream().filter(p -> p.slotId() == column.slotId()).toList();
				cells.add(new Cell(column.slotId(), column.heading(), cellClasses(inSlot), inSlot));
			}
			boolean inPeriod = !date.isBefore(first) && date.isBefore(view.next(first));
			days.add(
					new Day(date, date.format(DAY), isWeekend(date), inPeriod, List.copyOf(cells), List.copyOf(parts)));
		}
		List<List<Day>> weeks = new ArrayList<>();
		for (int i = 0; i < days.size(); i += 7) {
			weeks.add(List.copyOf(days.subList(i, Math.min(days.size(), i + 7))));
		}
		return new RotationWeek(rotation.id(), view, zone.getId(), rotationZone, first, view.previous(first),
				view.next(first), title(view, first), List.copyOf(columns), List.copyOf(days), List.copyOf(weeks),
				gaps.size(), publishedUntil, List.copyOf(participants), List.copyOf(away), stamp);
	}

	private static Part part(ShiftView shift, Instant dayStart, Instant dayEnd, ZoneId zone) {
		Instant from = shift.start().isAfter(dayStart) ? shift.start() : dayStart;
		Instant to = shift.end().isBefore(dayEnd) ? shift.end() : dayEnd;
		boolean continues = shift.end().isAfter(dayEnd);
		boolean fromPrevious = shift.start().isBefore(dayStart);
		String hours = clock(from, zone) + "–" + (to.equals(dayEnd) ? "24:00" : clock(to, zone));
		StringBuilder classes = new StringBuilder("part");
		if (shift.isGap()) {
			classes.append(" gap");
		}
		if (shift.isDraft()) {
			classes.append(" draft");
		}
		if (shift.shadow()) {
			classes.append(" shadow");
		}
		if (continues) {
			classes.append(" continues");
		}
		if (fromPrevious) {
			classes.append(" from-previous");
		}
		return new Part(shift.id(), shift.slotId(), shift.assigneeId(), shift.isGap() ? "Gap" : shift.assigneeName(),
				hours, shift.slot(), shift.isGap(), shift.isDraft(), shift.shadow(),
				"weekdays-only".equals(shift.layer()), continues, fromPrevious, shift.reason(), shift.start(),
				classes.toString());
	}

	private static String cellClasses(List<Part> parts) {
		StringBuilder classes = new StringBuilder();
		if (parts.stream().anyMatch(p -> p.gap() && !p.shadow())) {
			classes.append("gap ");
		}
		if (parts.stream().anyMatch(Part::draft)) {
			classes.append("draft ");
		}
		// Split: a cover took part of a slot (a shift's tail from the day before is not
		// one).
		if (parts.stream().filter(p -> !p.shadow() && !p.fromPreviousDay()).count() > 1) {
			classes.append("split");
		}
		return classes.toString().strip();
	}

	/**
	 * The slots as columns, ordered by where their start falls in {@code zone}'s day on
	 * {@code day}: for a viewer in India the UTC evening slot (00:30 there) comes first.
	 */
	private static List<Column> columns(Rotation rotation, ZoneId zone, LocalDate day) {
		record Placed(RotationSlot slot, LocalTime localStart, String hours) {
		}
		List<Placed> placed = new ArrayList<>();
		for (RotationSlot slot : rotation.slots()) {
			Instant start = day.atTime(slot.start()).atZone(rotation.zone()).toInstant();
			Instant end = (slot.endsNextDay() ? day.plusDays(1) : day).atTime(slot.end())
				.atZone(rotation.zone())
				.toInstant();
			placed.add(new Placed(slot, start.atZone(zone).toLocalTime(), clock(start, zone) + "–" + clock(end, zone)));
		}
		boolean sameClock = zone.equals(rotation.zone());
		return placed.stream()
			.sorted(Comparator.comparing(Placed::localStart).thenComparing(p -> p.slot().position()))
			.map(p -> new Column(p.slot().id(), p.slot().label(), sameClock ? null : p.hours(),
					sameClock ? p.slot().label() : p.hours()))
			.toList();
	}

	private static String clock(Instant instant, ZoneId zone) {
		return instant.atZone(zone).format(CLOCK);
	}

	private static String title(GridView view, LocalDate first) {
		if (view == GridView.MONTH) {
			return first.format(MONTH_YEAR);
		}
		LocalDate last = view.next(first).minusDays(1);
		return (first.getYear() == last.getYear() ? first.format(DAY_MONTH) : first.format(DAY_MONTH_YEAR)) + " – "
				+ last.format(DAY_MONTH_YEAR);
	}

	static boolean isWeekend(LocalDate date) {
		return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

}
