package com.example.imoc.swap;

import java.time.Instant;

/**
 * A swap or cover request as stored, with the names of the people involved.
 */
public record SwapRequest(long id, SwapKind kind, SwapState state, long requesterId, String requesterName,
		String requesterEmail, long shiftId, long shiftVersion, Instant partStart, Instant partEnd, Long counterpartId,
		String counterpartName, String counterpartEmail, Long counterpartShiftId, Long counterpartShiftVersion,
		String message, Instant deadline, String createdBy, Instant createdAt, Instant decidedAt, String decidedBy,
		String decisionNote, Long resultShiftId, Long resultShiftVersion, Long resultCounterpartVersion,
		Instant undoUntil, boolean undoByRequester, boolean undoByCounterpart, long version) {

	public boolean isPartial() {
		return this.partStart != null;
	}

	public boolean involves(long personId) {
		return this.requesterId == personId || (this.counterpartId != null && this.counterpartId == personId);
	}

}
