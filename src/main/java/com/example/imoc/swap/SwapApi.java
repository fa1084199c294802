package com.example.imoc.swap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftChanges.ShiftChangedException;
import com.example.imoc.web.api.ApiError;
import com.example.imoc.web.api.BadApiRequest;

/**
 * Swaps over JSON, with the same rules as the form: {@code 201} with the request,
 * {@code 400} for bad input, {@code 403} for someone else's request, {@code 409 {"error":
 * …}} when it can no longer change.
 */
@RestController
@RequestMapping("/api/v1/swaps")
class SwapApi {

	private final Swaps swaps;

	private final SwapRequests requests;

	SwapApi(Swaps swaps, SwapRequests requests) {
		this.swaps = swaps;
		this.requests = requests;
	}

	record PersonRef(long id, String name, String email) {
	}

	/**
	 * A request as JSON. {@code shiftId} and {@code counterpartShiftId} are the first
	 * shift of each side; {@code shiftIds} and {@code counterpartShiftIds} every shift of
	 * the set, {@code scope} how it was chosen ({@code shift}, {@code block}, or
	 * {@code range} with {@code from} and {@code to}).
	 */
	record SwapJson(long id, String kind, String state, long shiftId, Long counterpartShiftId, PersonRef requester,
			PersonRef counterpart, String partStart, String partEnd, String message, String deadline, String createdAt,
			String decidedAt, String undoUntil, String scope, String from, String to, List<Long> shiftIds,
			List<Long> counterpartShiftIds) {

		static SwapJson of(SwapRequest r) {
			return new SwapJson(r.id(), r.kind().name(), r.state().name(), r.shiftId(), r.counterpartShiftId(),
					new PersonRef(r.requesterId(), r.requesterName(), r.requesterEmail()),
					r.counterpartId() == null ? null
							: new PersonRef(r.counterpartId(), r.counterpartName(), r.counterpartEmail()),
					text(r.partStart()), text(r.partEnd()), r.message(), text(r.deadline()), text(r.createdAt()),
					text(r.decidedAt()), text(r.undoUntil()), r.scope().apiName(),
					r.rangeFrom() == null ? null : r.rangeFrom().toString(),
					r.rangeTo() == null ? null : r.rangeTo().toString(), r.givenShiftIds(), r.takenShiftIds());
		}

		private static String text(Instant instant) {
			return instant == null ? null : instant.toString();
		}

	}

	/**
	 * A new request. Without {@code scope} it carries the one shift {@code shiftId} (and
	 * a swap the one {@code counterpartShiftId}), as it always did; {@code "scope":
	 * "block"} gives the shift's whole block, {@code "range"} the holder's shifts from
	 * {@code from} to {@code to} (dates, both included, optionally only in slot
	 * {@code slotId}); {@code "counterpartScope": "block"} takes the counterpart's whole
	 * block in exchange.
	 */
	record SwapBody(String kind, Long shiftId, Long counterpartShiftId, Long toPersonId, String partStart,
			String partEnd, String message, String deadline, Boolean performNow, String reason, String scope,
			String from, String to, Long slotId, String counterpartScope) {
	}

	record Answer(String note, Long onBehalfOf) {
	}

	@GetMapping
	List<SwapJson> mine(@AuthenticationPrincipal SignedInPerson me) {
		return this.requests.involving(me.id()).stream().map(SwapJson::of).toList();
	}

	@GetMapping("/{id}")
	SwapJson one(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me) {
		SwapRequest request = this.requests.find(id).orElseThrow(() -> new SwapNotFoundException(id));
		boolean openCover = request.kind() == SwapKind.OPEN_COVER && request.state() == SwapState.PENDING;
		if (!me.isCoordinator() && !request.involves(me.id()) && !openCover) {
			throw new AccessDeniedException("This request is between other people.");
		}
		return SwapJson.of(request);
	}

	@PostMapping
	ResponseEntity<SwapJson> create(@RequestBody SwapBody body, @AuthenticationPrincipal SignedInPerson me) {
		if (body.kind() == null) {
			throw new BadApiRequest("kind", "Say which kind: SWAP, COVER or OPEN_COVER.");
		}
		SwapKind kind;
		try {
			kind = SwapKind.valueOf(body.kind());
		}
		catch (IllegalArgumentException ex) {
			throw new BadApiRequest("kind", "\"" + body.kind() + "\" is not SWAP, COVER or OPEN_COVER.");
		}
		if (body.shiftId() == null) {
			throw new BadApiRequest("shiftId", "Say which shift you give (shiftId).");
		}
		NewSwap ask = new NewSwap(body.shiftId(), kind, body.counterpartShiftId(), body.toPersonId(),
				instant("partStart", body.partStart()), instant("partEnd", body.partEnd()), body.message(),
				instant("deadline", body.deadline()), Boolean.TRUE.equals(body.performNow()), body.reason(),
				scope("scope", body.scope()), date("from", body.from()), date("to", body.to()), body.slotId(),
				scope("counterpartScope", body.counterpartScope()));
		SwapRequest created = this.swaps.request(me, ask);
		return ResponseEntity.status(HttpStatus.CREATED).body(SwapJson.of(created));
	}

	@PostMapping("/{id}/accept")
	SwapJson accept(@PathVariable long id, @RequestBody(required = false) Answer answer,
			@AuthenticationPrincipal SignedInPerson me) {
		return SwapJson.of(this.swaps.accept(me, id, answer == null ? null : answer.onBehalfOf(),
				answer == null ? "" : answer.note()));
	}

	@PostMapping("/{id}/decline")
	SwapJson decline(@PathVariable long id, @RequestBody(required = false) Answer answer,
			@AuthenticationPrincipal SignedInPerson me) {
		return SwapJson.of(this.swaps.decline(me, id, answer == null ? "" : answer.note()));
	}

	@PostMapping("/{id}/cancel")
	SwapJson cancel(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me) {
		return SwapJson.of(this.swaps.cancel(me, id));
	}

	@PostMapping("/{id}/undo")
	SwapJson undo(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me) {
		return SwapJson.of(this.swaps.undo(me, id));
	}

	@PostMapping("/{id}/approve")
	SwapJson approve(@PathVariable long id, @RequestBody(required = false) Answer answer,
			@AuthenticationPrincipal SignedInPerson me) {
		return SwapJson.of(this.swaps.approve(me, id, answer == null ? "" : answer.note()));
	}

	@PostMapping("/{id}/reject")
	SwapJson reject(@PathVariable long id, @RequestBody(required = false) Answer answer,
			@AuthenticationPrincipal SignedInPerson me) {
		return SwapJson.of(this.swaps.reject(me, id, answer == null ? "" : answer.note()));
	}

	@ExceptionHandler(SwapRefused.class)
	ResponseEntity<ApiError> refused(SwapRefused ex) {
		if (ex.isConflict()) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of(ex.getMessage()));
		}
		return ResponseEntity.badRequest()
			.body(ex.field() == null ? ApiError.of(ex.getMessage()) : ApiError.field(ex.field(), ex.getMessage()));
	}

	@ExceptionHandler(ShiftChangedException.class)
	ResponseEntity<ApiError> changed(ShiftChangedException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of(ex.getMessage()));
	}

	@ExceptionHandler(SwapNotFoundException.class)
	ResponseEntity<ApiError> notFound(SwapNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("There is no such swap request."));
	}

	private static SwapScope scope(String field, String text) {
		if (text == null || text.isBlank()) {
			return SwapScope.SHIFT;
		}
		SwapScope scope = SwapScope.parse(text);
		if (scope == null || ("counterpartScope".equals(field) && scope == SwapScope.RANGE)) {
			throw new BadApiRequest(field, "\"" + text + "\" is not " + ("scope".equals(field)
					? "block, range or shift." : "block or shift (the counterpart's block, or the one shift)."));
		}
		return scope;
	}

	private static LocalDate date(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new BadApiRequest(field, "\"" + text + "\" is not a date like 2026-12-01.");
		}
	}

	private static Instant instant(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new BadApiRequest(field, "\"" + text + "\" is not an ISO-8601 instant like 2026-12-01T05:00:00Z.");
		}
	}

}
