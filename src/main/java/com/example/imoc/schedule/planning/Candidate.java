package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person the assigner may put on a shift.
 *
 * @param layer             name of the {@link Layer} the person belongs to; its days bound theirs
 * @param preferredSlots    slot labels the person chose; empty means no preference
 * @param unavailable       PTO and other absences; no shift may touch any of them
 * @param priorHours        on-call hours inside the fairness window before the planning origin,
 *                          computed by the caller from stored shifts
 * @param priorWeekendHours the part of {@code priorHours} that fell on a Saturday or Sunday
 * @param eligible          false for people who are paused, offboarded or not yet onboarded
 */
public record Candidate(
        long personId,
        String name,
        String layer,
        Set<String> preferredSlots,
        Role role,
        List<TimeRange> unavailable,
        Duration priorHours,
        Duration priorWeekendHours,
        boolean eligible) {

    /**
     * IMs carry the pager. Reverse shadows (the last onboarding step) carry it too, but only for whole
     * blocks with an IM sitting beside them as their shadow. Shadows only ever ride along with an IM.
     */
    public enum Role { IM, REVERSE_SHADOW, SHADOW }

    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(role, "role");
        preferredSlots = Set.copyOf(preferredSlots);
        unavailable = List.copyOf(unavailable);
        priorHours = Objects.requireNonNullElse(priorHours, Duration.ZERO);
        priorWeekendHours = Objects.requireNonNullElse(priorWeekendHours, Duration.ZERO);
    }

    public boolean isUnavailableDuring(TimeRange shift) {
        return unavailable.stream().anyMatch(shift::overlaps);
    }

    public boolean hasPreferences() {
        return !preferredSlots.isEmpty();
    }

    public boolean prefers(String slotLabel) {
        return preferredSlots.contains(slotLabel);
    }
}
