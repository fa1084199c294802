package com.example.imoc.swap;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What someone asks for: the shift they give, the kind, and the counterpart (a shift for
 * a swap, a person for a cover, nobody for an open cover); optionally only part of the
 * shift, a message, a deadline, and for the coordinator "perform it now" with a reason.
 * <p>
 * {@code scope} says which of the holder's shifts go with it: {@code shiftId} alone, its
 * whole block, or every shift the holder has from {@code from} to {@code to} (the
 * rotation's local dates, both included; only in slot {@code slotId} when given).
 * {@code counterpartScope} says the same of a swap's other side: the chosen shift or its
 * holder's whole block.
 */
record NewSwap(long shiftId, SwapKind kind, Long counterpartShiftId, Long toPersonId, Instant partStart,
		Instant partEnd, String message, Instant deadline, boolean performNow, String reason, SwapScope scope,
		LocalDate from, LocalDate to, Long slotId, SwapScope counterpartScope) {

	/** A request for one shift (and, for a swap, one shift in exchange). */
	NewSwap(long shiftId, SwapKind kind, Long counterpartShiftId, Long toPersonId, Instant partStart, Instant partEnd,
			String message, Instant deadline, boolean performNow, String reason) {
		this(shiftId, kind, counterpartShiftId, toPersonId, partStart, partEnd, message, deadline, performNow, reason,
				SwapScope.SHIFT, null, null, null, SwapScope.SHIFT);
	}

	NewSwap {
		scope = scope == null ? SwapScope.SHIFT : scope;
		counterpartScope = counterpartScope == null ? SwapScope.SHIFT : counterpartScope;
	}

}
