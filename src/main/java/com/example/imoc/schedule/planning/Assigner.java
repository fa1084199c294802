package com.example.imoc.schedule.planning;

import com.example.imoc.schedule.planning.Candidate.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fills a rotation with people, fairly and deterministically: the same input always gives the same
 * output, because every collection is walked in a sorted order and ties end at the person id.
 *
 * <p>Hard rules, never broken: the person is eligible and has the role of the row (IMs carry the
 * pager, shadows only shadow); no absence touches the shift; the shift's local weekday is one of
 * their layer's days; none of their shifts (shadow rows included) overlaps it or sits closer to it
 * than the minimum rest, in either direction.
 *
 * <p>Among the people who pass, the lowest score wins. The score is the on-call hours in the
 * fairness window (prior hours, fading out linearly as planning moves away from the origin, plus
 * hours booked since), with weekend hours weighing 1.5 and every shift adding a fixed 48 hours
 * of disruption, so the number of blocks evens out before the hours do; plus two blocks' worth
 * for a slot outside someone's stated preferences; plus up to 12 hours for having come off call
 * within the last week. Ties go to the layer with the higher precedence, then to the lower person
 * id. Within one block period the heaviest slots are handed out first, so the least-loaded people
 * take them.
 */
public final class Assigner {

    /** Being on the pager shapes the whole day whatever the slot's length, and without a per-shift
     *  cost hour-fairness keeps handing short slots to the same people until block counts drift. */
    private static final Duration DISRUPTION_PER_SHIFT = Duration.ofHours(48);
    /** Strong but not absolute: someone works outside their chosen hours only when they are this
     *  many whole blocks behind the people who are free for that slot. */
    private static final int PREFERENCE_BLOCKS = 2;
    /** Coming off call less than a week ago costs up to half a day, fading linearly, so that among
     *  equally loaded people the one who rested longest goes next. */
    private static final Duration RECENCY_HORIZON = Duration.ofDays(7);
    private static final Duration RECENCY_PENALTY = Duration.ofHours(12);

    /**
     * Plans every (date, slot) in {@code [from, untilExclusive)} that has no stored non-shadow shift
     * yet, so running it again on its own output plans nothing. Blocks follow the anchor grid of
     * {@code rules}, clipped to the range; each block of a slot goes to one IM when someone can take
     * all of its days, otherwise each day goes to the best person free that day, or becomes a
     * coverage gap.
     *
     * @param existing stored shifts; their hours from the start of {@code from} on count as load,
     *                 earlier ones are expected in each candidate's prior hours
     */
    public List<PlannedShift> extend(RotationRules rules, List<Candidate> people, List<ExistingShift> existing,
                                     LocalDate from, LocalDate untilExclusive) {
        ShiftClock clock = new ShiftClock(rules.zone());
        Planning planning = new Planning(rules, people, clock.startOfDay(from));
        Coverage coverage = new Coverage();
        for (ExistingShift shift : sorted(existing)) {
            planning.bookExisting(shift);
            if (!shift.shadow()) {
                coverage.add(shift);
            }
        }
        List<PlannedShift> planned = new ArrayList<>();
        for (LocalDate blockStart = rules.blockStart(from); blockStart.isBefore(untilExclusive);
             blockStart = blockStart.plusDays(rules.blockDays())) {
            List<LocalDate> days = blockStart.datesUntil(blockStart.plusDays(rules.blockDays()))
                    .filter(day -> !day.isBefore(from) && day.isBefore(untilExclusive))
                    .toList();
            Map<Slot, List<Need>> needsBySlot = new TreeMap<>(Comparator.comparing(Slot::start).thenComparing(Slot::label));
            for (Slot slot : rules.slots()) {
                List<Need> needs = days.stream()
                        .map(day -> new Need(day, clock.shift(day, slot)))
                        .filter(need -> !coverage.covers(slot.label(), need.range()))
                        .toList();
                if (!needs.isEmpty()) {
                    needsBySlot.put(slot, needs);
                }
            }
            // Heaviest blocks first, so the least-loaded people take them: handing out slots in clock
            // order would leave the last long slot to whoever is left and let hour totals drift.
            needsBySlot.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<Slot, List<Need>> entry) -> -planning.weight(entry.getValue())))
                    .forEachOrdered(entry -> planned.addAll(planning.planBlock(entry.getKey(), entry.getValue())));
        }
        return planned.stream()
                .sorted(Comparator.comparing(PlannedShift::start)
                        .thenComparing(PlannedShift::shadow)
                        .thenComparing(PlannedShift::slot))
                .toList();
    }

    /**
     * Mends a published schedule after the roster changed, touching as little as possible. Only
     * shifts starting at or after {@code frozenUntil} change, and only when their assignee can no
     * longer take them (not eligible, absent during the shift, the weekday left their layer, or gone
     * from {@code people}); each goes to the best person free for that single shift, or becomes a gap.
     * Gaps after {@code frozenUntil} are tried again. A schedule that is still valid yields no change.
     *
     * @param future stored shifts, including those before {@code frozenUntil} that people are
     *               working or resting from; prior hours are expected up to {@code frozenUntil}
     */
    public List<Reassignment> repair(RotationRules rules, List<Candidate> people, List<ExistingShift> future,
                                     Instant frozenUntil) {
        ShiftClock clock = new ShiftClock(rules.zone());
        Planning planning = new Planning(rules, people, frozenUntil);
        List<ExistingShift> shifts = sorted(future);
        shifts.forEach(planning::bookExisting);
        List<Reassignment> changes = new ArrayList<>();
        for (ExistingShift shift : shifts) {
            if (shift.start().isBefore(frozenUntil) || (shift.isGap() && shift.shadow())) {
                continue;
            }
            Need need = new Need(clock.dateOf(shift.start()), shift.range());
            if (shift.isGap()) {
                planning.fillSingle(shift.slot(), need).ifPresent(pick -> {
                    planning.book(pick, need);
                    changes.add(new Reassignment(shift.id(), pick.person().personId(), "gap filled: " + pick.reason()));
                });
                continue;
            }
            Optional<String> problem = planning.problemWithCurrentAssignee(shift, need);
            if (problem.isEmpty()) {
                continue;
            }
            planning.release(shift);
            if (shift.shadow()) {
                changes.add(new Reassignment(shift.id(), null, "shadow removed: " + problem.get()));
                continue;
            }
            changes.add(planning.fillSingle(shift.slot(), need)
                    .map(pick -> {
                        planning.book(pick, need);
                        return new Reassignment(shift.id(), pick.person().personId(), problem.get() + "; " + pick.reason());
                    })
                    .orElseGet(() -> new Reassignment(shift.id(), null,
                            problem.get() + "; " + planning.gapReason(Role.IM, need))));
        }
        return changes;
    }

    private static List<ExistingShift> sorted(List<ExistingShift> shifts) {
        return shifts.stream()
                .sorted(Comparator.comparing(ExistingShift::start).thenComparingLong(ExistingShift::id))
                .toList();
    }

    private record Need(LocalDate date, TimeRange range) {
    }

    /** Stored non-shadow shifts per slot label, to find the (date, slot) pairs already planned. */
    private static final class Coverage {
        private final Map<String, NavigableMap<Instant, List<TimeRange>>> bySlot = new TreeMap<>();

        void add(ExistingShift shift) {
            bySlot.computeIfAbsent(shift.slot(), label -> new TreeMap<>())
                    .computeIfAbsent(shift.start(), start -> new ArrayList<>())
                    .add(shift.range());
        }

        boolean covers(String slot, TimeRange range) {
            NavigableMap<Instant, List<TimeRange>> stored = bySlot.get(slot);
            if (stored == null) {
                return false;
            }
            // Stored shifts of one slot are at most a couple of days long, so looking back two days
            // finds every one that can overlap.
            return stored.subMap(range.start().minus(Duration.ofDays(2)), true, range.end(), false).values()
                    .stream().flatMap(List::stream).anyMatch(range::overlaps);
        }
    }

    private record Pick(Candidate person, String reason) {
    }

    /** Why people were left out of a decision, by cause, in a stable order. */
    private static final class Exclusions {
        private final Map<String, Integer> byCause = new TreeMap<>();

        void add(String cause) {
            byCause.merge(cause, 1, Integer::sum);
        }

        boolean isEmpty() {
            return byCause.isEmpty();
        }

        @Override
        public String toString() {
            return byCause.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey())
                    .collect(Collectors.joining(", "));
        }
    }

    /** State of one run: the rules, the roster and the growing ledger of bookings. */
    private static final class Planning {
        private final RotationRules rules;
        private final Map<Long, Candidate> people = new TreeMap<>();
        private final Instant origin;
        private final Ledger ledger;
        private final Duration meanSlotLength;

        Planning(RotationRules rules, List<Candidate> roster, Instant origin) {
            this.rules = rules;
            this.origin = origin;
            this.ledger = new Ledger(rules.zone(), origin);
            this.meanSlotLength = rules.slots().stream().map(Slot::nominalLength).reduce(Duration.ZERO, Duration::plus)
                    .dividedBy(rules.slots().size());
            for (Candidate candidate : roster) {
                if (people.put(candidate.personId(), candidate) != null) {
                    throw new IllegalArgumentException("person " + candidate.personId() + " appears twice");
                }
            }
        }

        long weight(List<Need> needs) {
            return needs.stream()
                    .map(need -> new Ledger.Load(need.range().duration(), ledger.weekendPart(need.range()), 1))
                    .reduce(Ledger.Load.NONE, Ledger.Load::plus)
                    .weightedMinutes(DISRUPTION_PER_SHIFT);
        }

        void bookExisting(ExistingShift shift) {
            if (!shift.isGap()) {
                ledger.book(shift.assigneeId(), shift.range(), shift.shadow());
            }
        }

        void release(ExistingShift shift) {
            ledger.release(shift.assigneeId(), shift.range(), shift.shadow());
        }

        List<PlannedShift> planBlock(Slot slot, List<Need> needs) {
            Exclusions exclusions = new Exclusions();
            List<Candidate> wholeBlock = new ArrayList<>();
            for (Candidate candidate : people.values()) {
                Optional<String> cause = exclusionForAll(candidate, Role.IM, needs);
                cause.ifPresentOrElse(exclusions::add, () -> wholeBlock.add(candidate));
            }
            List<PlannedShift> imShifts = new ArrayList<>();
            if (!wholeBlock.isEmpty()) {
                Pick pick = choose(wholeBlock, slot.label(), needs.get(0).range().start(), exclusions);
                for (Need need : needs) {
                    imShifts.add(assign(pick, slot, need));
                }
            } else {
                for (Need need : needs) {
                    imShifts.add(fillSingle(slot.label(), need)
                            .map(pick -> assign(new Pick(pick.person(), "no one free for the whole block; " + pick.reason()), slot, need))
                            .orElseGet(() -> gap(slot, need)));
                }
            }
            List<PlannedShift> all = new ArrayList<>(imShifts);
            all.addAll(shadows(imShifts));
            return all;
        }

        Optional<Pick> fillSingle(String slot, Need need) {
            Exclusions exclusions = new Exclusions();
            List<Candidate> free = new ArrayList<>();
            for (Candidate candidate : people.values()) {
                exclusion(candidate, Role.IM, need, true).ifPresentOrElse(exclusions::add, () -> free.add(candidate));
            }
            if (free.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(choose(free, slot, need.range().start(), exclusions));
        }

        Optional<String> problemWithCurrentAssignee(ExistingShift shift, Need need) {
            Candidate current = people.get(shift.assigneeId());
            if (current == null) {
                return Optional.of("person " + shift.assigneeId() + " left the rotation");
            }
            return exclusion(current, shift.shadow() ? Role.SHADOW : Role.IM, need, false)
                    .map(cause -> current.name() + ": " + cause);
        }

        String gapReason(Role role, Need need) {
            if (people.isEmpty()) {
                return "no eligible person: the roster is empty";
            }
            Exclusions exclusions = new Exclusions();
            people.values().forEach(candidate -> exclusion(candidate, role, need, true).ifPresent(exclusions::add));
            return "no eligible person: " + exclusions;
        }

        void book(Pick pick, Need need) {
            ledger.book(pick.person().personId(), need.range(), false);
        }

        private PlannedShift assign(Pick pick, Slot slot, Need need) {
            Candidate person = pick.person();
            book(pick, need);
            return new PlannedShift(slot.label(), person.layer(), need.date(), need.range().start(),
                    need.range().end(), person.personId(), false, pick.reason());
        }

        private PlannedShift gap(Slot slot, Need need) {
            return new PlannedShift(slot.label(), rules.gapLayer(need.date().getDayOfWeek()).name(), need.date(),
                    need.range().start(), need.range().end(), null, false, gapReason(Role.IM, need));
        }

        /** One shadow for the days of the block that have an IM, if anyone can ride along on all of them. */
        private List<PlannedShift> shadows(List<PlannedShift> imShifts) {
            List<PlannedShift> staffed = imShifts.stream().filter(shift -> !shift.isGap()).toList();
            if (staffed.isEmpty()) {
                return List.of();
            }
            List<Need> needs = staffed.stream().map(shift -> new Need(shift.date(), shift.range())).toList();
            Optional<Candidate> shadow = people.values().stream()
                    .filter(candidate -> candidate.role() == Role.SHADOW)
                    .filter(candidate -> exclusionForAll(candidate, Role.SHADOW, needs).isEmpty())
                    .min(Comparator.comparing((Candidate candidate) -> candidate.priorHours().plus(ledger.shadowHours(candidate.personId())))
                            .thenComparingLong(Candidate::personId));
            if (shadow.isEmpty()) {
                return List.of();
            }
            List<PlannedShift> rows = new ArrayList<>();
            for (PlannedShift im : staffed) {
                ledger.book(shadow.get().personId(), im.range(), true);
                rows.add(new PlannedShift(im.slot(), im.layer(), im.date(), im.start(), im.end(),
                        shadow.get().personId(), true, "shadowing " + people.get(im.assigneeId()).name()));
            }
            return rows;
        }

        private Optional<String> exclusionForAll(Candidate candidate, Role role, List<Need> needs) {
            for (int i = 0; i < needs.size(); i++) {
                Optional<String> cause = exclusion(candidate, role, needs.get(i), true);
                if (cause.isPresent()) {
                    return cause;
                }
                if (i > 0 && !Ledger.restRespected(needs.get(i - 1).range(), needs.get(i).range(), rules.minimumRest())) {
                    return Optional.of("resting");
                }
            }
            return Optional.empty();
        }

        private Optional<String> exclusion(Candidate candidate, Role role, Need need, boolean checkBookings) {
            if (!candidate.eligible()) {
                return Optional.of("not eligible");
            }
            if (candidate.role() != role) {
                return Optional.of(candidate.role() == Role.SHADOW ? "shadowing only" : "not a shadow");
            }
            Optional<Layer> layer = rules.layer(candidate.layer());
            if (layer.isEmpty()) {
                return Optional.of("in no layer of this rotation");
            }
            if (!layer.get().covers(need.date().getDayOfWeek())) {
                return Optional.of(layer.get().name());
            }
            if (candidate.isUnavailableDuring(need.range())) {
                return Optional.of("on PTO");
            }
            if (checkBookings && ledger.clashes(candidate.personId(), need.range(), rules.minimumRest())) {
                return Optional.of("busy or resting");
            }
            return Optional.empty();
        }

        private Pick choose(List<Candidate> free, String slot, Instant at, Exclusions exclusions) {
            Candidate best = free.stream()
                    .min(Comparator.comparingLong((Candidate candidate) -> score(candidate, slot, at))
                            .thenComparing(Comparator.comparingInt(this::precedence).reversed())
                            .thenComparingLong(Candidate::personId))
                    .orElseThrow();
            Ledger.Load load = load(best, at);
            StringBuilder reason = new StringBuilder("fairest of ").append(free.size()).append(" available: ")
                    .append(hours(load.onCall())).append(" on call (").append(hours(load.weekend()))
                    .append(" weekend) within ").append(rules.fairnessWindow().toDays()).append(" days");
            if (best.prefers(slot)) {
                reason.append("; preferred slot");
            } else if (best.hasPreferences()) {
                reason.append("; outside preferred slots");
            }
            if (!exclusions.isEmpty()) {
                reason.append("; ").append(exclusions);
            }
            return new Pick(best, reason.toString());
        }

        private long score(Candidate candidate, String slot, Instant at) {
            long score = load(candidate, at).weightedMinutes(DISRUPTION_PER_SHIFT);
            if (candidate.hasPreferences() && !candidate.prefers(slot)) {
                score += DISRUPTION_PER_SHIFT.multipliedBy((long) PREFERENCE_BLOCKS * rules.blockDays()).toMinutes();
            }
            Optional<Instant> lastEnd = ledger.lastEndBefore(candidate.personId(), at);
            if (lastEnd.isPresent()) {
                long sinceMinutes = Duration.between(lastEnd.get(), at).toMinutes();
                long horizonMinutes = RECENCY_HORIZON.toMinutes();
                if (sinceMinutes < horizonMinutes) {
                    score += RECENCY_PENALTY.toMinutes() * (horizonMinutes - sinceMinutes) / horizonMinutes;
                }
            }
            return score;
        }

        private Ledger.Load load(Candidate candidate, Instant at) {
            Duration window = rules.fairnessWindow();
            long elapsed = Math.max(0, Duration.between(origin, at).toSeconds());
            long remaining = Math.max(0, window.toSeconds() - elapsed);
            Duration priorHours = fraction(candidate.priorHours(), remaining, window.toSeconds());
            Ledger.Load prior = new Ledger.Load(priorHours,
                    fraction(candidate.priorWeekendHours(), remaining, window.toSeconds()),
                    (double) priorHours.toSeconds() / meanSlotLength.toSeconds());
            return prior.plus(ledger.onCallLoad(candidate.personId(), at, window));
        }

        private static Duration fraction(Duration whole, long numerator, long denominator) {
            return Duration.ofSeconds(whole.toSeconds() * numerator / denominator);
        }

        private int precedence(Candidate candidate) {
            return rules.layer(candidate.layer()).map(Layer::precedence).orElse(Integer.MIN_VALUE);
        }

        private static String hours(Duration duration) {
            long minutes = duration.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
        }
    }
}
