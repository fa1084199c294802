package com.example.imoc.incident;

/**
 * A shadow has now shadowed enough incidents to be offered the reverse shadow; published
 * in the transaction that recorded the incident that made the count (again and again for
 * later ones: listeners announce it once).
 */
public record ShadowingReached(long personId, String name, int shadowed, int needed) {
}
