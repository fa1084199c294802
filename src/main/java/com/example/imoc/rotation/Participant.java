package com.example.imoc.rotation;

import java.time.Instant;

/**
 * Someone taking part in a rotation, in one of its layers, since {@code joinedAt} (null
 * when they joined before the date was recorded: counted as a member all along).
 */
public record Participant(long rotationId, long personId, long layerId, Instant joinedAt) {
}
