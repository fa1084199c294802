package com.example.imoc.rotation;

import java.util.List;

/**
 * What becomes of the shifts of slots the coordinator removes. The schedule, which owns
 * shifts, implements it, so the rotation module needs no dependency on the schedule.
 */
public interface RetiredSlots {

	/**
	 * Cancels the future shifts of the removed slots (those inside the freeze window
	 * stay) in the caller's transaction.
	 * @return how many shifts were cancelled
	 */
	int cancelShifts(long rotationId, List<Long> slotIds);

}
