package com.example.imoc.swap;

import java.time.Instant;

/**
 * A swap or cover request as stored, with the names of the people involved.
 * {@code forGap}: an open cover of a shift nobody holds, opened by the coordinator (the
 * requester); {@code specialDayId}: an open cover of a special coverage day's shift,
 * offered to volunteers by the coordinator while its holder (the requester) keeps it.
 */
public record SwapRequest(long id, SwapKind kind, SwapState state, long requesterId, String requesterName,
		String requesterEmail, long shiftId, long shiftVersion, Instant partStart, Instant partEnd, Long counterpartId,
		String counterpartName, String counterpartEmail, Long counterpartShiftId, Long counterpartShiftVersion,
		String message, Instant deadline, String createdBy, Instant createdAt, Instant decidedAt, String decidedBy,
		String decisionNote, Long resultShiftId, Long resultShiftVersion, Long resultCounterpartVersion,
		Instant undoUntil, boolean undoByRequester, boolean undoByCounterpart, long version, boolean forGap,
		Long specialDayId) {

	public boolean isPartial() {
		return this.partStart != null;
	}

	/**
	 * Offered by the coordinator (a gap, a special day): the coordinator's word overrides
	 * the freeze window.
	 */
	public boolean offeredByCoordinator() {
		return this.forGap || this.specialDayId != null;
	}

	/**
	 * Who must still hold the shift when it is taken: nobody for a gap, else the
	 * requester.
	 */
	public Long expectedHolder() {
		return this.forGap ? null : this.requesterId;
	}

	public boolean involves(long personId) {
		return this.requesterId == personId || (this.counterpartId != null && this.counterpartId == personId);
	}

}
