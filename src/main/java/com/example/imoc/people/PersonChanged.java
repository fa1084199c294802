package com.example.imoc.people;

/**
 * Published after a roster change commits, so the schedule can repair shifts of someone
 * who became unavailable to the rotation (deactivated, offboarded, no longer eligible).
 */
public record PersonChanged(long personId) {
}
