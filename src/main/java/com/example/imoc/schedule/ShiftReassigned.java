package com.example.imoc.schedule;

import java.time.Instant;

/**
 * Published in the transaction that moves a shift to another owner (repair, swap, cover),
 * so feeds can send the previous owner a cancellation and notifications can tell both
 * people. {@code null} owners are coverage gaps.
 */
public record ShiftReassigned(long shiftId, long rotationId, Long fromPersonId, Long toPersonId, Instant at,
		String why) {
}
