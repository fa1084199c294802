package com.example.imoc.incident.lieu;

import java.time.Instant;

/** A primary shift someone held, and whether they were paged during it. */
public record OnCallShift(long personId, Instant start, Instant end, boolean paged) {
}
