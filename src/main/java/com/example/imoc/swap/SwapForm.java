package com.example.imoc.swap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.validation.Errors;

/**
 * The request form as typed. Times are the viewer's wall-clock times
 * ({@code datetime-local}), converted with their zone; a value that does not parse is
 * reported beside its field and kept as typed.
 * <p>
 * "What to give" ({@code scope}): the whole block, a range of dates ({@code from},
 * {@code to}, optionally only the slot {@code slotId}) or this shift only; for a swap,
 * {@code counterpartScope} takes the counterpart's whole block or only their shift. A
 * form posted without a choice carries one shift, as it always did; the page offers the
 * block first when the shift belongs to one ({@link #forShift}).
 */
public class SwapForm {

	/** None until the person chooses; a request sent without a choice is a swap. */
	private SwapKind kind;

	private Long counterpartShiftId;

	private Long toPersonId;

	private String partStart = "";

	private String partEnd = "";

	private String message = "";

	private String deadline = "";

	private boolean performNow;

	private String reason = "";

	private String scope = "";

	private String from = "";

	private String to = "";

	private Long slotId;

	private String counterpartScope = "";

	/**
	 * A new form for a shift whose block holds {@code blockSize} shifts: the whole block
	 * (and the counterpart's) is the first choice when there is more than the shift.
	 */
	static SwapForm forShift(int blockSize) {
		SwapForm form = new SwapForm();
		SwapScope scope = blockSize > 1 ? SwapScope.BLOCK : SwapScope.SHIFT;
		form.setScope(scope.name());
		form.setCounterpartScope(scope.name());
		return form;
	}

	NewSwap toRequest(long shiftId, ZoneId zone, Errors errors) {
		SwapKind kind = chosenKind();
		Instant start = time("partStart", this.partStart, zone, errors);
		Instant end = time("partEnd", this.partEnd, zone, errors);
		Instant until = time("deadline", this.deadline, zone, errors);
		// Part of a shift is part of this one shift, whatever else was chosen.
		boolean part = kind != SwapKind.SWAP && (!blank(this.partStart) || !blank(this.partEnd));
		SwapScope chosen = part ? SwapScope.SHIFT : choice("scope", this.scope, errors);
		SwapScope theirs = choice("counterpartScope", this.counterpartScope, errors);
		boolean range = chosen == SwapScope.RANGE;
		return new NewSwap(shiftId, kind, kind == SwapKind.SWAP ? this.counterpartShiftId : null,
				kind == SwapKind.COVER ? this.toPersonId : null, kind == SwapKind.SWAP ? null : start,
				kind == SwapKind.SWAP ? null : end, this.message, kind == SwapKind.OPEN_COVER ? until : null,
				this.performNow, this.reason, chosen, range ? date("from", this.from, errors) : null,
				range ? date("to", this.to, errors) : null, range ? this.slotId : null,
				theirs == SwapScope.RANGE ? SwapScope.SHIFT : theirs);
	}

	/** The kind chosen, or a swap when none was. */
	SwapKind chosenKind() {
		return this.kind == null ? SwapKind.SWAP : this.kind;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	/** Which shifts go: one shift when nothing was chosen. */
	private static SwapScope choice(String field, String text, Errors errors) {
		if (text == null || text.isBlank()) {
			return SwapScope.SHIFT;
		}
		SwapScope scope = SwapScope.parse(text);
		if (scope == null) {
			errors.rejectValue(field, "scope", "Choose the whole block, a range of dates or this shift only.");
			return SwapScope.SHIFT;
		}
		return scope;
	}

	private static LocalDate date(String field, String text, Errors errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			errors.rejectValue(field, "date", "\"" + text + "\" is not a date like 2026-12-01.");
			return null;
		}
	}

	private static Instant time(String field, String text, ZoneId zone, Errors errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.trim()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.rejectValue(field, "time", "\"" + text + "\" is not a date and time like 2026-12-01T09:30.");
			return null;
		}
	}

	public SwapKind getKind() {
		return this.kind;
	}

	public void setKind(SwapKind kind) {
		this.kind = kind;
	}

	public Long getCounterpartShiftId() {
		return this.counterpartShiftId;
	}

	public void setCounterpartShiftId(Long counterpartShiftId) {
		this.counterpartShiftId = counterpartShiftId;
	}

	public Long getToPersonId() {
		return this.toPersonId;
	}

	public void setToPersonId(Long toPersonId) {
		this.toPersonId = toPersonId;
	}

	public String getPartStart() {
		return this.partStart;
	}

	public void setPartStart(String partStart) {
		this.partStart = partStart;
	}

	public String getPartEnd() {
		return this.partEnd;
	}

	public void setPartEnd(String partEnd) {
		this.partEnd = partEnd;
	}

	public String getMessage() {
		return this.message;
	}

	public void setMessage(String message) {
		this.message = message;
	}

	public String getDeadline() {
		return this.deadline;
	}

	public void setDeadline(String deadline) {
		this.deadline = deadline;
	}

	public boolean isPerformNow() {
		return this.performNow;
	}

	public void setPerformNow(boolean performNow) {
		this.performNow = performNow;
	}

	public String getScope() {
		return this.scope;
	}

	public void setScope(String scope) {
		this.scope = scope;
	}

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getTo() {
		return this.to;
	}

	public void setTo(String to) {
		this.to = to;
	}

	public Long getSlotId() {
		return this.slotId;
	}

	public void setSlotId(Long slotId) {
		this.slotId = slotId;
	}

	public String getCounterpartScope() {
		return this.counterpartScope;
	}

	public void setCounterpartScope(String counterpartScope) {
		this.counterpartScope = counterpartScope;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
