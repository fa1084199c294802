package com.example.imoc.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.incident.lieu.OnCallShift;
import com.example.imoc.incident.lieu.PersonHours;
import com.example.imoc.incident.lieu.TimeInLieu;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * On-call hours and time in lieu per person over a period of UTC dates (both inclusive).
 * A shift belongs to the period its start falls in, whole, so a pay period never splits
 * one. Only live primary shifts count (shadow shifts are training). A shift is "paged"
 * when the IMOC was paged during it: it is the IMOC rotation's primary shift that held an
 * instant of {@link Incident#pagedAt()} (an S1 or S2's declaration, or a further page),
 * whoever the incident names as its IMOC. Swaps and covers recorded later count, as the
 * schedule is read as it stands now.
 */
@Service
public class OnCallHours {

	private final Shifts shifts;

	private final PersonRepository people;

	private final IncidentPages pages;

	private final AvailabilitySettings settings;

	private final PublicHolidays holidays;

	OnCallHours(Shifts shifts, PersonRepository people, IncidentPages pages, AvailabilitySettings settings,
			PublicHolidays holidays) {
		this.shifts = shifts;
		this.people = people;
		this.pages = pages;
		this.settings = settings;
		this.holidays = holidays;
	}

	public record Row(Person person, PersonHours hours) {
	}

	@Transactional(readOnly = true)
	public List<Row> report(LocalDate from, LocalDate to) {
		Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
		Instant end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		List<ShiftView> held = this.shifts.between(start, end, null)
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && !s.start().isBefore(start) && s.start().isBefore(end))
			.toList();
		Instant lastEnd = held.stream().map(ShiftView::end).max(Comparator.naturalOrder()).orElse(end);
		List<Instant> pages = this.pages.between(start, lastEnd).stream().map(IncidentPages.Paged::at).toList();
		Set<Long> pagedShifts = this.shifts.primaryAt(this.settings.imocRotation(), pages)
			.values()
			.stream()
			.map(ShiftView::id)
			.collect(Collectors.toSet());
		List<OnCallShift> onCall = new ArrayList<>();
		for (ShiftView shift : held) {
			onCall
				.add(new OnCallShift(shift.assigneeId(), shift.start(), shift.end(), pagedShifts.contains(shift.id())));
		}
		Map<Long, Person> byId = this.people.findAllById(onCall.stream().map(OnCallShift::personId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Person::getId, Function.identity()));
		TimeInLieu rules = new TimeInLieu(
				new TimeInLieu.Multipliers(this.settings.timeInLieu().notPaged(), this.settings.timeInLieu().paged()));
		Map<Long, WorkCalendar> calendars = this.holidays.calendarsOf(byId.values());
		Map<Long, PersonHours> totals = rules.tally(onCall, calendars::get);
		return totals.values()
			.stream()
			.map(h -> new Row(byId.get(h.personId()), h))
			.sorted(Comparator.comparing(r -> r.person().getName()))
			.toList();
	}

}
