package com.example.imoc.swap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The request form as typed. Times are the viewer's wall-clock times
 * ({@code datetime-local}), converted with their zone; a value that does not parse is
 * reported beside its field and kept as typed.
 */
public class SwapForm {

	private SwapKind kind = SwapKind.SWAP;

	private Long counterpartShiftId;

	private Long toPersonId;

	private String partStart = "";

	private String partEnd = "";

	private String message = "";

	private String deadline = "";

	private boolean performNow;

	private String reason = "";

	NewSwap toRequest(long shiftId, ZoneId zone, Map<String, String> errors) {
		Instant start = time("partStart", this.partStart, zone, errors);
		Instant end = time("partEnd", this.partEnd, zone, errors);
		Instant until = time("deadline", this.deadline, zone, errors);
		return new NewSwap(shiftId, this.kind == null ? SwapKind.SWAP : this.kind,
				this.kind == SwapKind.SWAP ? this.counterpartShiftId : null,
				this.kind == SwapKind.COVER ? this.toPersonId : null, this.kind == SwapKind.SWAP ? null : start,
				this.kind == SwapKind.SWAP ? null : end, this.message, this.kind == SwapKind.OPEN_COVER ? until : null,
				this.performNow, this.reason);
	}

	private static Instant time(String field, String text, ZoneId zone, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.trim()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "\"" + text + "\" is not a date and time like 2026-12-01T09:30.");
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

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
