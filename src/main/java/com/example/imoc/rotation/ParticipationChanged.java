package com.example.imoc.rotation;

/**
 * Published when someone joins, leaves or changes layer in a rotation.
 */
public record ParticipationChanged(long rotationId, long personId) {
}
