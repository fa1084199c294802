package com.example.imoc.swap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A swap or cover request as stored, with the names of the people involved.
 * {@code forGap}: an open cover of a shift nobody holds, opened by the coordinator (the
 * requester); {@code specialDayId}: an open cover of a special coverage day's shift,
 * offered to volunteers by the coordinator while its holder (the requester) keeps it.
 * <p>
 * {@code given} are the requester's shifts the request carries, earliest first
 * ({@code shiftId} is the first of them), {@code taken} a swap's shifts taken in exchange
 * ({@code counterpartShiftId} the first); {@code scope} says how the set was chosen, with
 * the dates of a range.
 */
public record SwapRequest(long id, SwapKind kind, SwapState state, long requesterId, String requesterName,
		String requesterEmail, long shiftId, long shiftVersion, Instant partStart, Instant partEnd, Long counterpartId,
		String counterpartName, String counterpartEmail, Long counterpartShiftId, Long counterpartShiftVersion,
		String message, Instant deadline, String createdBy, Instant createdAt, Instant decidedAt, String decidedBy,
		String decisionNote, Long resultShiftId, Long resultShiftVersion, Long resultCounterpartVersion,
		Instant undoUntil, boolean undoByRequester, boolean undoByCounterpart, long version, boolean forGap,
		Long specialDayId, SwapScope scope, LocalDate rangeFrom, LocalDate rangeTo, List<SetShift> given,
		List<SetShift> taken) {

	/**
	 * One shift of the set: the version it had when asked and, once the request changed
	 * the schedule, the version it became.
	 */
	public record SetShift(long shiftId, long version, Long resultVersion) {
	}

	public List<Long> givenShiftIds() {
		return this.given.stream().map(SetShift::shiftId).toList();
	}

	public List<Long> takenShiftIds() {
		return this.taken.stream().map(SetShift::shiftId).toList();
	}

	/** More than one shift changes hands. */
	public boolean isSet() {
		return this.given.size() + this.taken.size() > 2 || this.given.size() > 1;
	}

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
