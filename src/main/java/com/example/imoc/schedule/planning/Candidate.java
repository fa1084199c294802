package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.LocalDate;
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
 * @param eligibleFrom      first local date (in the rotation's zone) of the shifts the person may take, for someone
 *                          who reaches the tenure rule later; null when {@code eligible} alone decides
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
        boolean eligible,
        LocalDate eligibleFrom) {

    /**
     * IMs carry the pager. Reverse shadows (the last onboarding step) carry it too, but only for whole
     * blocks with an IM sitting beside them as their shadow. Shadows only ever ride along with an IM.
     */
    public enum Role { IM, REVERSE_SHADOW, SHADOW }

    /** Someone whose eligibility does not depend on the shift's date. */
    public Candidate(long personId, String name, String layer, Set<String> preferredSlots, Role role,
                     List<TimeRange> unavailable, Duration priorHours, Duration priorWeekendHours, boolean eligible) {
        this(personId, name, layer, preferredSlots, role, unavailable, priorHours, priorWeekendHours, eligible, null);
    }

    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(role, "role");
        preferredSlots = Set.copyOf(preferredSlots);
        unavailable = List.copyOf(unavailable);
        priorHours = Objects.requireNonNullElse(priorHours, Duration.ZERO);
        priorWeekendHours = Objects.requireNonNullElse(priorWeekendHours, Duration.ZERO);
    }

    /** Whether the person may hold a shift of this local date (in the rotation's zone). */
    public boolean isEligibleOn(LocalDate date) {
        return eligible && (eligibleFrom == null || !date.isBefore(eligibleFrom));
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
