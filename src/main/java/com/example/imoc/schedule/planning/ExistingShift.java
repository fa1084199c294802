package com.example.imoc.schedule.planning;

import java.time.Instant;
import java.util.Objects;

/**
 * A shift already stored (published). {@code assigneeId} is null for a coverage gap;
 * {@code shadow} rows belong to a shadow riding along with the IM of the same slot.
 */
public record ExistingShift(
        long id, String slot, String layer, Instant start, Instant end, Long assigneeId, boolean shadow) {

    public ExistingShift {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public TimeRange range() {
        return new TimeRange(start, end);
    }

    public boolean isGap() {
        return assigneeId == null;
    }
}
