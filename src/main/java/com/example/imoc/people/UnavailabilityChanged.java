package com.example.imoc.people;

/**
 * Published when someone's time away is added or removed, so the schedule repairs the
 * shifts it touches.
 */
public record UnavailabilityChanged(long personId) {
}
