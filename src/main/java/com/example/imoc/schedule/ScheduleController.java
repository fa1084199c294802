package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.view.GridHtml;
import com.example.imoc.schedule.view.GridView;
import com.example.imoc.schedule.view.RotationWeek;
import com.example.imoc.schedule.view.RotationWeeks;

/**
 * What every manager looks at: who is on call now, their own shifts, and each rotation's
 * schedule.
 */
@Controller
class ScheduleController {

	private final Shifts shifts;

	private final Rotations rotations;

	private final Clock clock;

	private final RotationWeeks rotationWeeks;

	private final HomeBoard homeBoard;

	private final PersonAccounts accounts;

	private final OpenCovers openCovers;

	private final HomeCards homeCards;

	private final OwnCalendars ownCalendars;

	private final NextShifts nextShifts;

	ScheduleController(Shifts shifts, Rotations rotations, Clock clock, RotationWeeks rotationWeeks,
			HomeBoard homeBoard, PersonAccounts accounts, OpenCovers openCovers, HomeCards homeCards,
			OwnCalendars ownCalendars, NextShifts nextShifts) {
		this.ownCalendars = ownCalendars;
		this.nextShifts = nextShifts;
		this.homeCards = homeCards;
		this.accounts = accounts;
		this.openCovers = openCovers;
		this.rotationWeeks = rotationWeeks;
		this.homeBoard = homeBoard;
		this.shifts = shifts;
		this.rotations = rotations;
		this.clock = clock;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInPerson me, HttpServletRequest request, Model model) {
		Instant now = this.clock.instant();
		// From memory while nothing changed (issue 17: was a JPA read per request).
		ZoneId zone = this.accounts.zone(me.id());
		// Shared by every viewer (issue 17): the board, and its cards rendered once per
		// board and zone; only the viewer's own next shift is per request (kept per
		// person while nothing changed and it has not ended).
		HomeBoard.Board board = this.homeBoard.at(now);
		Optional<ShiftView> myNext = this.nextShifts.of(me.id(), now);
		model.addAttribute("now", now);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("boardHtml", this.homeCards.html(board, zone, request.getContextPath()));
		model.addAttribute("myNext", myNext.orElse(null));
		model.addAttribute("myNextIn", myNext.map(s -> s.covers(now) ? "now" : until(now, s.start())).orElse(null));
		model.addAttribute("gapsAhead", board.gapsAhead());
		return "schedule/home";
	}

	@GetMapping("/my/shifts")
	String myShifts(@AuthenticationPrincipal SignedInPerson me, Model model) {
		Instant now = this.clock.instant();
		// The reader's zone and region from the roster's memory (issue 17: was a JPA read
		// of the whole person per request), their holidays once per data generation.
		PersonAccounts.Whereabouts where = this.accounts.whereabouts(me.id())
			.orElseThrow(() -> new PersonNotFoundException(me.id()));
		// One statement for both lists (issue 17): the last 30 days' shifts that have
		// ended, and those still running or to come in the next 120 days.
		List<ShiftView> around = this.shifts.ofPerson(me.id(), now.minus(Duration.ofDays(30)),
				now.plus(Duration.ofDays(120)));
		List<ShiftView> upcoming = around.stream().filter(s -> s.end().isAfter(now)).toList();
		List<ShiftView> past = around.stream().filter(s -> !s.end().isAfter(now)).toList();
		List<ShiftView> reversedPast = new ArrayList<>(past);
		Collections.reverse(reversedPast);
		model.addAttribute("zone", where.zone().getId());
		model.addAttribute("now", now);
		model.addAttribute("upcoming", upcoming);
		model.addAttribute("past", reversedPast);
		model.addAttribute("upcomingHours", hours(upcoming.stream().filter(s -> !s.shadow()).toList()));
		model.addAttribute("pastHours", hours(past.stream().filter(s -> !s.shadow()).toList()));
		WorkCalendar own = this.ownCalendars.of(where.zone(), where.region());
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

	/**
	 * A rotation's schedule for a week, four weeks or a month, in the viewer's zone
	 * (their profile's) or, with {@code zone=rotation}, in the rotation's. The grid is
	 * shared by every viewer ({@link RotationWeeks}); only "today", the viewer's own
	 * shifts, the highlighted people and the volunteer links are added here. {@code week}
	 * and {@code days=28} are the older names of {@code from} and {@code view=4weeks}.
	 * Whom to highlight is a search by name ({@code who}: every participant whose name
	 * contains it), or one person by id ({@code person}, as other pages link): the page
	 * lists no thousand names to choose from (issue 17).
	 */
	@GetMapping("/rotations/{id}")
	String rotation(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
			@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) String view,
			@RequestParam(required = false) String zone, @RequestParam(required = false) Long person,
			@RequestParam(required = false) String who, HttpServletRequest request, Model model) {
		Rotation rotation = this.rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
		GridView shown = view == null || view.isEmpty() ? (days == 28 ? GridView.FOUR_WEEKS : GridView.WEEK) : GridView
			.of(view)
			.orElseThrow(
					() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "view must be week, 4weeks or month"));
		if (zone != null && !zone.isEmpty() && !ROTATION_ZONE.equals(zone) && !MY_ZONE.equals(zone)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "zone must be rotation or mine");
		}
		boolean inRotationZone = ROTATION_ZONE.equals(zone);
		String viewerZone = this.accounts.zone(me.id()).getId();
		ZoneId pageZone = inRotationZone ? rotation.zone() : ZoneId.of(viewerZone);
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, pageZone);
		LocalDate asked = from != null ? from : week != null ? week : today;
		RotationWeeks.Shown period = this.rotationWeeks.shown(rotation, pageZone, shown, shown.firstDay(asked));
		RotationWeek grid = period.week();
		model.addAttribute("rotation", rotation);
		model.addAttribute("now", now);
		model.addAttribute("today", today);
		model.addAttribute("grid", grid);
		model.addAttribute("publishedUntil", grid.publishedUntil());
		model.addAttribute("zoneParam", inRotationZone ? ROTATION_ZONE : null);
		model.addAttribute("otherZone", inRotationZone ? MY_ZONE : ROTATION_ZONE);
		model.addAttribute("person", person);
		String search = who == null ? "" : who.strip();
		model.addAttribute("who", search.isEmpty() ? null : search);
		Set<Long> highlight = highlighted(grid.participants(), person, search);
		model.addAttribute("highlight", highlight);
		model.addAttribute("nobodyFound", !search.isEmpty() && highlight.isEmpty());
		model.addAttribute("myId", me.id());
		// The grid's HTML is shared (rendered once per generation); only the viewer's
		// marks, today, the actions and this request's CSRF token are filled in here.
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		model.addAttribute("gridHtml", period.html()
			.render(new GridHtml.Viewer(me.id(), me.isCoordinator(), highlight, today, now,
					this.openCovers.shownIn(rotation.id(), shiftsShown(grid), me, now), request.getContextPath(),
					csrf == null ? null : csrf.getParameterName(), csrf == null ? null : csrf.getToken())));
		model.addAttribute("mayReadHealth",
				me.isCoordinator() || grid.participants().stream().anyMatch(p -> p.id() == me.id()));
		model.addAttribute("away", grid.away());
		model.addAttribute("viewerZone", viewerZone);
		return "schedule/rotation";
	}

	/** The ids of the shifts a period shows. */
	static Set<Long> shiftsShown(RotationWeek week) {
		return week.days()
			.stream()
			.flatMap(day -> day.parts().stream())
			.map(RotationWeek.Part::shiftId)
			.collect(Collectors.toSet());
	}

	/** Longest name search the rotation page takes. */
	static final int MAX_SEARCH = 100;

	/**
	 * The participants to highlight: those whose name contains {@code search} (ignoring
	 * case), else the one with id {@code person}, else nobody.
	 */
	static Set<Long> highlighted(List<Rotations.ParticipantName> participants, Long person, String search) {
		if (search.length() > MAX_SEARCH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"who: at most " + MAX_SEARCH + " characters of a name");
		}
		if (!search.isEmpty()) {
			String needle = search.toLowerCase(Locale.ROOT);
			return participants.stream()
				.filter(p -> p.name().toLowerCase(Locale.ROOT).contains(needle))
				.map(Rotations.ParticipantName::id)
				.collect(Collectors.toUnmodifiableSet());
		}
		return person == null ? Set.of() : Set.of(person);
	}

	/** The {@code zone} values of the rotation page. */
	static final String ROTATION_ZONE = "rotation";

	static final String MY_ZONE = "mine";

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

	static String hours(List<ShiftView> shifts) {
		return hours(shifts.stream().map(ShiftView::length).reduce(Duration.ZERO, Duration::plus));
	}

	static String hours(Duration total) {
		long minutes = total.toMinutes();
		return minutes % 60 == 0 ? String.valueOf(minutes / 60) : String.format("%.1f", minutes / 60.0);
	}

}
