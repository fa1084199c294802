package com.example.imoc.schedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.RotationSlot;
import com.example.imoc.rotation.Rotations;

/**
 * What every manager looks at: who is on call now, their own shifts, and each rotation's
 * schedule.
 */
@Controller
class ScheduleController {

	private final Shifts shifts;

	private final Rotations rotations;

	private final PersonRepository people;

	private final TimeAway timeAway;

	private final Clock clock;

	private final PublicHolidays holidays;

	private final HomeBoard homeBoard;

	ScheduleController(Shifts shifts, Rotations rotations, PersonRepository people, TimeAway timeAway, Clock clock,
			PublicHolidays holidays, HomeBoard homeBoard) {
		this.holidays = holidays;
		this.homeBoard = homeBoard;
		this.shifts = shifts;
		this.rotations = rotations;
		this.people = people;
		this.timeAway = timeAway;
		this.clock = clock;
	}

	record RotationNow(Rotation rotation, List<ShiftView> onCall, List<ShiftView> shadows, ShiftView next,
			String nextIn) {
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInPerson me, Model model) {
		Instant now = this.clock.instant();
		Person person = this.people.findById(me.id()).orElseThrow(() -> new PersonNotFoundException(me.id()));
		// Shared by every viewer (issue 17); only "in 2 h" and the viewer's own next
		// shift
		// are per request.
		HomeBoard.Board board = this.homeBoard.at(now);
		List<RotationNow> rotationsNow = new ArrayList<>();
		for (HomeBoard.RotationBoard row : board.rotations()) {
			ShiftView next = row.next();
			rotationsNow.add(new RotationNow(row.rotation(), row.onCall(), row.shadows(), next,
					next == null ? null : until(now, next.start())));
		}
		Optional<ShiftView> myNext = this.shifts.nextOf(me.id(), now);
		model.addAttribute("now", now);
		model.addAttribute("zone", person.getTimeZone());
		model.addAttribute("rotationsNow", rotationsNow);
		model.addAttribute("myNext", myNext.orElse(null));
		model.addAttribute("myNextIn", myNext.map(s -> s.covers(now) ? "now" : until(now, s.start())).orElse(null));
		model.addAttribute("gapsAhead", board.gapsAhead());
		return "schedule/home";
	}

	@GetMapping("/my/shifts")
	String myShifts(@AuthenticationPrincipal SignedInPerson me, Model model) {
		Instant now = this.clock.instant();
		Person person = this.people.findById(me.id()).orElseThrow(() -> new PersonNotFoundException(me.id()));
		// One statement for both lists (issue 17): the last 30 days' shifts that have
		// ended,
		// and those still running or to come in the next 120 days.
		List<ShiftView> around = this.shifts.ofPerson(me.id(), now.minus(Duration.ofDays(30)),
				now.plus(Duration.ofDays(120)));
		List<ShiftView> upcoming = around.stream().filter(s -> s.end().isAfter(now)).toList();
		List<ShiftView> past = around.stream().filter(s -> !s.end().isAfter(now)).toList();
		List<ShiftView> reversedPast = new ArrayList<>(past);
		Collections.reverse(reversedPast);
		model.addAttribute("zone", person.getTimeZone());
		model.addAttribute("now", now);
		model.addAttribute("upcoming", upcoming);
		model.addAttribute("past", reversedPast);
		model.addAttribute("upcomingHours", hours(upcoming.stream().filter(s -> !s.shadow()).toList()));
		model.addAttribute("pastHours", hours(past.stream().filter(s -> !s.shadow()).toList()));
		WorkCalendar own = this.holidays.calendarOf(person);
		WorkCalendar.Hours off = upcoming.stream()
			.filter(s -> !s.shadow())
			.map(s -> own.hours(s.start(), s.end()))
			.reduce(WorkCalendar.Hours.NONE, WorkCalendar.Hours::plus);
		model.addAttribute("weekendHours", hours(off.weekend()));
		model.addAttribute("holidayHours", hours(off.holiday()));
		return "schedule/my-shifts";
	}

	@GetMapping("/rotations")
	String rotations(Model model) {
		Instant now = this.clock.instant();
		List<Map.Entry<Rotation, Integer>> rows = new ArrayList<>();
		List<Rotation> all = this.rotations.all();
		// One gaps query up to the furthest horizon (was one per rotation, each over
		// every rotation's gaps).
		int weeks = all.stream().mapToInt(Rotation::horizonWeeks).max().orElse(0);
		List<ShiftView> gaps = this.shifts.gaps(now, now.plus(Duration.ofDays(weeks * 7L)));
		for (Rotation rotation : all) {
			Instant horizon = now.plus(Duration.ofDays(rotation.horizonWeeks() * 7L));
			int count = (int) gaps.stream()
				.filter(s -> s.rotationId() == rotation.id() && s.start().isBefore(horizon))
				.count();
			rows.add(Map.entry(rotation, count));
		}
		model.addAttribute("rows", rows);
		return "schedule/rotations";
	}

	/** A day of the grid: one cell per slot. */
	record Day(LocalDate date, boolean weekend, boolean today, List<Cell> cells) {
	}

	record Cell(RotationSlot slot, ShiftView shift, List<ShiftView> shadows, boolean highlighted) {
	}

	@GetMapping("/rotations/{id}")
	String rotation(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
			@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) Long person, Model model) {
		Rotation rotation = this.rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
		int span = days == 28 ? 28 : 7;
		ZoneId zone = rotation.zone();
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate start = (week == null ? today : week).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate end = start.plusDays(span);
		Instant from = start.atStartOfDay(zone).toInstant();
		Instant to = end.plusDays(1).atStartOfDay(zone).toInstant();
		List<ShiftView> shifts = this.shifts.ofRotation(id, from, to);
		Map<String, ShiftView> primary = new LinkedHashMap<>();
		Map<String, List<ShiftView>> shadows = new LinkedHashMap<>();
		for (ShiftView shift : shifts) {
			String key = shift.date() + "|" + shift.slotId();
			if (shift.shadow()) {
				shadows.computeIfAbsent(key, k -> new ArrayList<>()).add(shift);
			}
			else {
				primary.put(key, shift);
			}
		}
		List<Day> grid = new ArrayList<>();
		for (LocalDate date = start; date.isBefore(end); date = date.plusDays(1)) {
			List<Cell> cells = new ArrayList<>();
			for (RotationSlot slot : rotation.slots()) {
				String key = date + "|" + slot.id();
				ShiftView shift = primary.get(key);
				List<ShiftView> shadowList = shadows.getOrDefault(key, List.of());
				boolean highlighted = person != null && ((shift != null && person.equals(shift.assigneeId()))
						|| shadowList.stream().anyMatch(s -> person.equals(s.assigneeId())));
				cells.add(new Cell(slot, shift, shadowList, highlighted));
			}
			grid.add(new Day(date, isWeekend(date), date.equals(today), cells));
		}
		List<Unavailability> away = this.timeAway.overlapping(from, to);
		Map<Long, String> names = new LinkedHashMap<>();
		this.people.findAllById(away.stream().map(Unavailability::getPersonId).distinct().toList())
			.forEach(p -> names.put(p.getId(), p.getName()));
		model.addAttribute("rotation", rotation);
		model.addAttribute("now", now);
		model.addAttribute("publishedUntil",
				this.rotations.publishedUntil(id)
					.map(until -> LocalDate.ofInstant(until, ZoneOffset.UTC))
					.orElseThrow(() -> new RotationNotFoundException(id)));
		model.addAttribute("grid", grid);
		model.addAttribute("span", span);
		model.addAttribute("start", start);
		model.addAttribute("previous", start.minusDays(span));
		model.addAttribute("next", start.plusDays(span));
		model.addAttribute("person", person);
		List<Rotations.ParticipantName> participants = this.rotations.participantNames(id);
		model.addAttribute("participants", participants);
		model.addAttribute("mayReadHealth",
				me.isCoordinator() || participants.stream().anyMatch(p -> p.id() == me.id()));
		model.addAttribute("away", away);
		model.addAttribute("awayNames", names);
		model.addAttribute("gapCount", shifts.stream().filter(s -> !s.shadow() && s.isGap()).count());
		model.addAttribute("viewerZone", this.people.findById(me.id()).map(Person::getTimeZone).orElse("UTC"));
		return "schedule/rotation";
	}

	static String until(Instant now, Instant then) {
		long minutes = Math.max(0, ChronoUnit.MINUTES.between(now, then));
		long days = minutes / (24 * 60);
		long hours = (minutes / 60) % 24;
		long mins = minutes % 60;
		if (days > 0) {
			return "in " + days + " d " + hours + " h";
		}
		if (hours > 0) {
			return "in " + hours + " h " + mins + " min";
		}
		return "in " + mins + " min";
	}

	static boolean isWeekend(LocalDate date) {
		return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	static String hours(List<ShiftView> shifts) {
		return hours(shifts.stream().map(ShiftView::length).reduce(Duration.ZERO, Duration::plus));
	}

	static String hours(Duration total) {
		long minutes = total.toMinutes();
		return minutes % 60 == 0 ? String.valueOf(minutes / 60) : String.format("%.1f", minutes / 60.0);
	}

}
