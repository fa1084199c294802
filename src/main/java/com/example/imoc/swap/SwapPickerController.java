package com.example.imoc.swap;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapPickers.Page;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.web.api.ApiError;
import com.example.imoc.web.api.BadApiRequest;

/**
 * The swap form's searches as JSON, for its script (and anyone signed in): who could take
 * my shift ({@code GET /swaps/picker/people?shift=&q=}) and which shifts I could take in
 * exchange ({@code GET /swaps/picker/shifts?shift=&person=&from=}). Only the holder of
 * the shift (or the coordinator) may ask, as only they may open its form. A page of at
 * most {@value #PAGE} answers with {@code "next"}, the address of the next page, while
 * more match; times are in the reader's zone, which the answer names.
 */
@RestController
class SwapPickerController {

	static final int PAGE = 20;

	private final SwapPickers pickers;

	private final PersonRepository people;

	SwapPickerController(SwapPickers pickers, PersonRepository people) {
		this.pickers = pickers;
		this.people = people;
	}

	record PersonOption(long id, String name, String zone, String label) {
	}

	record ShiftOption(long id, String person, String start, String end, String label) {
	}

	record Answer<T>(List<T> items, String zone, String next) {
	}

	@GetMapping("/swaps/picker/people")
	Answer<PersonOption> people(@RequestParam long shift, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int offset, @AuthenticationPrincipal SignedInPerson me) {
		query("q", q);
		offset(offset);
		ShiftView offered = this.pickers.offerable(shift, me);
		Check check = this.pickers.check();
		Page<Person> page = SwapPickers.canChangeHands(offered, me, check)
				? this.pickers.takers(offered, q, offset, PAGE, check) : Page.none();
		return new Answer<>(
				page.items()
					.stream()
					.map(p -> new PersonOption(p.getId(), p.getName(), p.getTimeZone(), label(p)))
					.toList(),
				zoneOf(me).getId(),
				page.more() ? UriComponentsBuilder.fromPath("/swaps/picker/people")
					.queryParam("shift", shift)
					.queryParam("q", q)
					.queryParam("offset", offset + PAGE)
					.encode()
					.toUriString() : null);
	}

	@GetMapping("/swaps/picker/shifts")
	Answer<ShiftOption> shifts(@RequestParam long shift, @RequestParam(defaultValue = "") String person,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "0") int offset,
			@AuthenticationPrincipal SignedInPerson me) {
		query("person", person);
		offset(offset);
		LocalDate day = date("from", from);
		ShiftView offered = this.pickers.offerable(shift, me);
		ZoneId zone = zoneOf(me);
		Check check = this.pickers.check();
		Page<ShiftView> page = SwapPickers.canChangeHands(offered, me, check)
				? this.pickers.exchanges(offered, me.isCoordinator(), person, day, zone, offset, PAGE, check)
				: Page.none();
		return new Answer<>(
				page.items()
					.stream()
					.map(s -> new ShiftOption(s.id(), s.assigneeName(), s.start().toString(), s.end().toString(),
							label(s, zone)))
					.toList(),
				zone.getId(),
				page.more() ? UriComponentsBuilder.fromPath("/swaps/picker/shifts")
					.queryParam("shift", shift)
					.queryParam("person", person)
					.queryParam("from", from)
					.queryParam("offset", offset + PAGE)
					.encode()
					.toUriString() : null);
	}

	/** "Olga Petrova (Asia/Kolkata)": the name and where they are. */
	static String label(Person person) {
		return person.getName() + " (" + person.getTimeZone() + ")";
	}

	/** "Thu 3 Dec, 23:00–08:00 · John Smith", in the reader's zone. */
	static String label(ShiftView shift, ZoneId zone) {
		return ShiftTimes.span(shift.start(), shift.end(), zone) + " · " + shift.assigneeName();
	}

	/** A search text the pickers accept, or the message to show beside its field. */
	static String queryProblem(String text) {
		return text != null && text.length() > SwapPickers.MAX_QUERY
				? "Type at most " + SwapPickers.MAX_QUERY + " characters of the name." : null;
	}

	/** The first day to search from, as typed (yyyy-mm-dd); null when empty. */
	static LocalDate parseDate(String text) {
		return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
	}

	static String dateProblem(String text) {
		try {
			parseDate(text);
			return null;
		}
		catch (DateTimeParseException ex) {
			return "Give a date like 2026-12-03.";
		}
	}

	private static void query(String field, String text) {
		String problem = queryProblem(text);
		if (problem != null) {
			throw new BadApiRequest(field, problem);
		}
	}

	private static void offset(int offset) {
		if (offset < 0 || offset > 1_000_000) {
			throw new BadApiRequest("offset", "The offset is a number of results to skip, 0 or more.");
		}
	}

	private static LocalDate date(String field, String text) {
		String problem = dateProblem(text);
		if (problem != null) {
			throw new BadApiRequest(field, problem);
		}
		return parseDate(text);
	}

	private ZoneId zoneOf(SignedInPerson me) {
		return this.people.findById(me.id()).map(Person::zone).orElse(ZoneId.of("UTC"));
	}

	@ExceptionHandler(SwapNotFoundException.class)
	ResponseEntity<ApiError> notFound(SwapNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("There is no such shift."));
	}

}
