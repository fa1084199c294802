package com.example.imoc.schedule;

/**
 * Published when the assigner leaves shifts without an owner, so someone hears about it
 * (notifications listen).
 */
public record CoverageGapsFound(long rotationId, int count) {
}
