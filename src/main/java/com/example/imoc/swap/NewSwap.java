package com.example.imoc.swap;

import java.time.Instant;

/**
 * What someone asks for: the shift they give, the kind, and the counterpart (a shift for
 * a swap, a person for a cover, nobody for an open cover); optionally only part of the
 * shift, a message, a deadline, and for the coordinator "perform it now" with a reason.
 */
record NewSwap(long shiftId, SwapKind kind, Long counterpartShiftId, Long toPersonId, Instant partStart,
		Instant partEnd, String message, Instant deadline, boolean performNow, String reason) {
}
