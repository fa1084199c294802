package com.example.imoc.rotation;

/**
 * Someone taking part in a rotation, in one of its layers.
 */
public record Participant(long rotationId, long personId, long layerId) {
}
