package com.example.imoc.schedule.planning;

/**
 * A change {@link Assigner#repair} asks for on a stored shift. For an IM shift a null
 * {@code newAssigneeId} turns it into a coverage gap; for a shadow row it means the row
 * goes away, because a shadow is optional and is never replaced by another shadow
 * mid-block.
 */
public record Reassignment(long shiftId, Long newAssigneeId, String reason) {
}
