package com.example.imoc.schedule.planning;

import com.example.imoc.schedule.planning.Candidate.Role;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
                        .map(day -> new Need(day, clock.shift(day, slot), rules.minimumRest()))
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
        Planning planning = new Planning(rules, people, frozenUntil);
        List<ExistingShift> shifts = sorted(future);
        shifts.forEach(planning::bookExisting);
        List<Reassignment> changes = new ArrayList<>();
        for (ExistingShift shift : shifts) {
            if (shift.start().isBefore(frozenUntil) || (shift.isGap() && shift.shadow())) {
                continue;
            }
            Need need = new Need(shift.date(), shift.range(), rules.minimumRest());
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

    /** One (date, slot) to fill, with the bounds the hard-rule checks compare against. */
    private static final class Need {
        private final LocalDate date;
        private final TimeRange range;
        private final Instant start;
        private final Instant end;
        private final long startSecond;
        private final int startNano;
        private final long endSecond;
        private final int endNano;
        private final int dayBit;
        /** A booking that ends after this and starts before {@link #endPlusRest} overlaps the shift or breaks the rest. */
        private final Instant startMinusRest;
        private final Instant endPlusRest;

        Need(LocalDate date, TimeRange range, Duration rest) {
            this.date = date;
            this.range = range;
            this.start = range.start();
            this.end = range.end();
            this.startSecond = start.getEpochSecond();
            this.startNano = start.getNano();
            this.endSecond = end.getEpochSecond();
            this.endNano = end.getNano();
            this.dayBit = 1 << date.getDayOfWeek().ordinal();
            this.startMinusRest = start.minus(rest);
            this.endPlusRest = end.plus(rest);
        }

        LocalDate date() {
            return date;
        }

        TimeRange range() {
            return range;
        }
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
        private final Map<String, int[]> byCause = new HashMap<>();

        void add(String cause) {
            int[] count = byCause.get(cause);
            if (count == null) {
                byCause.put(cause, new int[] {1});
            } else {
                count[0]++;
            }
        }

        boolean isEmpty() {
            return byCause.isEmpty();
        }

        @Override
        public String toString() {
            return new TreeMap<>(byCause).entrySet().stream()
                    .map(entry -> entry.getValue()[0] + " " + entry.getKey())
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * A roster entry with everything the hard-rule checks and the score read, resolved once per run:
     * the layer and its days as a bit set, absences sorted by start with the running maximum of
     * their ends, and a live handle on the person's bookings.
     */
    private static final class Person {
        private final Candidate candidate;
        private final long id;
        private final boolean eligible;
        private final Role role;
        private final boolean hasPreferences;
        /** Bit i set when the person prefers {@code rules.slots().get(i)} (first 64 slots). */
        private final long preferredSlotMask;
        private final Layer layer;
        private final int dayMask;
        private final int precedence;
        /** Position in the roster, in id order; indexes {@link Absences}. */
        private final int index;
        private final long priorSeconds;
        private final long priorWeekendSeconds;
        private final Ledger.Bookings bookings;

        Person(Candidate candidate, int index, RotationRules rules, Ledger ledger) {
            this.candidate = candidate;
            this.index = index;
            this.id = candidate.personId();
            this.eligible = candidate.eligible();
            this.role = candidate.role();
            this.hasPreferences = candidate.hasPreferences();
            long preferred = 0;
            for (int i = 0; i < Math.min(64, rules.slots().size()); i++) {
                if (candidate.prefers(rules.slots().get(i).label())) {
                    preferred |= 1L << i;
                }
            }
            this.preferredSlotMask = preferred;
            this.layer = rules.layer(candidate.layer()).orElse(null);
            int mask = 0;
            if (layer != null) {
                for (DayOfWeek day : DayOfWeek.values()) {
                    if (layer.covers(day)) {
                        mask |= 1 << day.ordinal();
                    }
                }
            }
            this.dayMask = mask;
            this.precedence = layer == null ? Integer.MIN_VALUE : layer.precedence();
            this.priorSeconds = candidate.priorHours().toSeconds();
            this.priorWeekendSeconds = candidate.priorWeekendHours().toSeconds();
            this.bookings = ledger.of(id);
        }

        boolean prefers(String slot, int slotIndex) {
            return slotIndex >= 0 ? (preferredSlotMask & (1L << slotIndex)) != 0 : candidate.prefers(slot);
        }
    }

    /**
     * Everyone's absences in flat arrays, person by person in roster order, each person's sorted by
     * start with the running maximum of their ends; instants as epoch seconds and nanos.
     */
    private static final class Absences {
        private final int[] first;
        private final long[] startSeconds;
        private final int[] startNanos;
        private final long[] maxEndSeconds;
        private final int[] maxEndNanos;

        Absences(List<Candidate> roster) {
            int total = roster.stream().mapToInt(candidate -> candidate.unavailable().size()).sum();
            first = new int[roster.size() + 1];
            startSeconds = new long[total];
            startNanos = new int[total];
            maxEndSeconds = new long[total];
            maxEndNanos = new int[total];
            int next = 0;
            for (int p = 0; p < roster.size(); p++) {
                first[p] = next;
                List<TimeRange> absences = new ArrayList<>(roster.get(p).unavailable());
                absences.sort(Comparator.comparing(TimeRange::start));
                Instant maxEnd = null;
                for (TimeRange absence : absences) {
                    if (maxEnd == null || absence.end().isAfter(maxEnd)) {
                        maxEnd = absence.end();
                    }
                    startSeconds[next] = absence.start().getEpochSecond();
                    startNanos[next] = absence.start().getNano();
                    maxEndSeconds[next] = maxEnd.getEpochSecond();
                    maxEndNanos[next] = maxEnd.getNano();
                    next++;
                }
            }
            first[roster.size()] = next;
        }

        /**
         * Same answer as {@link Candidate#isUnavailableDuring} for {@code [start, end)}: some absence
         * starts before the end and ends after the start.
         */
        boolean overlaps(int person, long startSecond, int startNano, long endSecond, int endNano) {
            int from = first[person];
            int low = from;
            int high = first[person + 1];
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (isBefore(startSeconds[mid], startNanos[mid], endSecond, endNano)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low > from && isBefore(startSecond, startNano, maxEndSeconds[low - 1], maxEndNanos[low - 1]);
        }

        private static boolean isBefore(long aSecond, int aNano, long bSecond, int bNano) {
            return aSecond < bSecond || (aSecond == bSecond && aNano < bNano);
        }
    }

    /** The parts of the score that are the same for every candidate of one decision. */
    private static final class ScoreContext {
        private final Instant at;
        private final Instant windowStart;
        private final Instant windowEnd;
        private final long remaining;
        private final long windowSeconds;
        private final int slotIndex;

        ScoreContext(Instant at, Instant origin, Duration window, int slotIndex) {
            this.at = at;
            this.slotIndex = slotIndex;
            this.windowStart = at.minus(window);
            this.windowEnd = at.plus(window);
            this.windowSeconds = window.toSeconds();
            long elapsed = Math.max(0, Duration.between(origin, at).toSeconds());
            this.remaining = Math.max(0, windowSeconds - elapsed);
        }
    }

    /** State of one run: the rules, the roster and the growing ledger of bookings. */
    private static final class Planning {
        private static final long NANOS_PER_SECOND = 1_000_000_000L;
        private static final long DISRUPTION_MINUTES = DISRUPTION_PER_SHIFT.toMinutes();
        private static final long RECENCY_HORIZON_MINUTES = RECENCY_HORIZON.toMinutes();
        private static final long RECENCY_PENALTY_MINUTES = RECENCY_PENALTY.toMinutes();

        private final RotationRules rules;
        private final Map<Long, Candidate> people = new TreeMap<>();
        private final Map<Long, Person> byId = new HashMap<>();
        /** Every person in id order, and the shadows among them. */
        private final Person[] roster;
        private final Person[] shadowRoster;
        private final Absences absences;
        private final Instant origin;
        private final Ledger ledger;
        private final Duration meanSlotLength;
        private final long meanSlotSeconds;
        private final long preferencePenalty;

        Planning(RotationRules rules, List<Candidate> roster, Instant origin) {
            this.rules = rules;
            this.origin = origin;
            this.ledger = new Ledger(rules.zone(), origin);
            this.meanSlotLength = rules.slots().stream().map(Slot::nominalLength).reduce(Duration.ZERO, Duration::plus)
                    .dividedBy(rules.slots().size());
            this.meanSlotSeconds = meanSlotLength.toSeconds();
            this.preferencePenalty = DISRUPTION_PER_SHIFT.multipliedBy((long) PREFERENCE_BLOCKS * rules.blockDays()).toMinutes();
            for (Candidate candidate : roster) {
                if (people.put(candidate.personId(), candidate) != null) {
                    throw new IllegalArgumentException("person " + candidate.personId() + " appears twice");
                }
            }
            List<Person> all = new ArrayList<>(people.size());
            List<Person> shadows = new ArrayList<>();
            for (Candidate candidate : people.values()) {
                Person person = new Person(candidate, all.size(), rules, ledger);
                all.add(person);
                byId.put(person.id, person);
                if (candidate.role() == Role.SHADOW) {
                    shadows.add(person);
                }
            }
            this.roster = all.toArray(new Person[0]);
            this.absences = new Absences(new ArrayList<>(people.values()));
            this.shadowRoster = shadows.toArray(new Person[0]);
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
            boolean[] restBetween = restBetween(needs);
            List<Person> wholeBlock = new ArrayList<>(roster.length);
            for (Person person : roster) {
                String cause = exclusionForAll(person, Role.IM, needs, restBetween);
                if (cause == null) {
                    wholeBlock.add(person);
                } else {
                    exclusions.add(cause);
                }
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
            List<Person> free = new ArrayList<>();
            for (Person person : roster) {
                String cause = exclusion(person, Role.IM, need, true);
                if (cause == null) {
                    free.add(person);
                } else {
                    exclusions.add(cause);
                }
            }
            if (free.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(choose(free, slot, need.range().start(), exclusions));
        }

        Optional<String> problemWithCurrentAssignee(ExistingShift shift, Need need) {
            Person current = byId.get(shift.assigneeId());
            if (current == null) {
                return Optional.of("person " + shift.assigneeId() + " left the rotation");
            }
            return Optional.ofNullable(exclusion(current, shift.shadow() ? Role.SHADOW : Role.IM, need, false))
                    .map(cause -> current.candidate.name() + ": " + cause);
        }

        String gapReason(Role role, Need need) {
            if (people.isEmpty()) {
                return "no eligible person: the roster is empty";
            }
            Exclusions exclusions = new Exclusions();
            for (Person person : roster) {
                String cause = exclusion(person, role, need, true);
                if (cause != null) {
                    exclusions.add(cause);
                }
            }
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
            List<Need> needs = staffed.stream()
                    .map(shift -> new Need(shift.date(), shift.range(), rules.minimumRest()))
                    .toList();
            boolean[] restBetween = restBetween(needs);
            Person shadow = null;
            Duration shadowLoad = null;
            for (Person person : shadowRoster) {
                if (exclusionForAll(person, Role.SHADOW, needs, restBetween) != null) {
                    continue;
                }
                Duration load = person.candidate.priorHours().plus(person.bookings.shadowLoad());
                if (shadow == null || load.compareTo(shadowLoad) < 0) {
                    shadow = person;
                    shadowLoad = load;
                }
            }
            if (shadow == null) {
                return List.of();
            }
            List<PlannedShift> rows = new ArrayList<>();
            for (PlannedShift im : staffed) {
                ledger.book(shadow.id, im.range(), true);
                rows.add(new PlannedShift(im.slot(), im.layer(), im.date(), im.start(), im.end(),
                        shadow.id, true, "shadowing " + people.get(im.assigneeId()).name()));
            }
            return rows;
        }

        /** Whether each need after the first keeps the minimum rest after the one before it. */
        private boolean[] restBetween(List<Need> needs) {
            boolean[] respected = new boolean[needs.size()];
            for (int i = 1; i < needs.size(); i++) {
                respected[i] = Ledger.restRespected(needs.get(i - 1).range(), needs.get(i).range(), rules.minimumRest());
            }
            return respected;
        }

        /** The first reason the person cannot take every need, checking need by need in order; null if none. */
        private String exclusionForAll(Person person, Role role, List<Need> needs, boolean[] restBetween) {
            if (needs.size() > 1) {
                String cause = exclusionOfPerson(person, role);
                if (cause != null) {
                    return cause;
                }
                // Every need lies inside the span of the block, so when no absence and no booking
                // comes near the span, only the layer's days and the rest between needs can exclude.
                Need first = needs.get(0);
                Need last = needs.get(needs.size() - 1);
                if (!absences.overlaps(person.index, first.startSecond, first.startNano, last.endSecond, last.endNano)
                        && !person.bookings.clashes(first.startMinusRest, last.endPlusRest)) {
                    for (int i = 0; i < needs.size(); i++) {
                        if ((person.dayMask & needs.get(i).dayBit) == 0) {
                            return person.layer.name();
                        }
                        if (i > 0 && !restBetween[i]) {
                            return "resting";
                        }
                    }
                    return null;
                }
            }
            for (int i = 0; i < needs.size(); i++) {
                String cause = exclusion(person, role, needs.get(i), true);
                if (cause != null) {
                    return cause;
                }
                if (i > 0 && !restBetween[i]) {
                    return "resting";
                }
            }
            return null;
        }

        /** The checks that do not depend on the shift: eligibility, role, layer. */
        private static String exclusionOfPerson(Person person, Role role) {
            if (!person.eligible) {
                return "not eligible";
            }
            if (person.role != role) {
                return person.role == Role.SHADOW ? "shadowing only" : "not a shadow";
            }
            if (person.layer == null) {
                return "in no layer of this rotation";
            }
            return null;
        }

        /** Why the person cannot take the need, or null when they can. */
        private String exclusion(Person person, Role role, Need need, boolean checkBookings) {
            String cause = exclusionOfPerson(person, role);
            if (cause != null) {
                return cause;
            }
            if ((person.dayMask & need.dayBit) == 0) {
                return person.layer.name();
            }
            if (absences.overlaps(person.index, need.startSecond, need.startNano, need.endSecond, need.endNano)) {
                return "on PTO";
            }
            if (checkBookings && person.bookings.clashes(need.startMinusRest, need.endPlusRest)) {
                return "busy or resting";
            }
            return null;
        }

        /** The lowest score wins; ties go to the higher layer precedence, then to the lower person id. */
        private Pick choose(List<Person> free, String slot, Instant at, Exclusions exclusions) {
            ScoreContext context = new ScoreContext(at, origin, rules.fairnessWindow(), slotIndex(slot));
            Person bestPerson = null;
            long bestScore = 0;
            for (Person person : free) {
                long score = score(person, slot, context);
                if (bestPerson == null || score < bestScore
                        || (score == bestScore && (person.precedence > bestPerson.precedence
                        || (person.precedence == bestPerson.precedence && person.id < bestPerson.id)))) {
                    bestPerson = person;
                    bestScore = score;
                }
            }
            Candidate best = bestPerson.candidate;
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

        /**
         * {@code load(candidate, at).weightedMinutes(DISRUPTION_PER_SHIFT)} plus the preference and
         * recency terms, computed on seconds and nanos instead of {@code Duration} objects; the
         * arithmetic is the same, so the result is too.
         */
        private long score(Person person, String slot, ScoreContext context) {
            long priorOnCall = person.priorSeconds * context.remaining / context.windowSeconds;
            long priorWeekend = person.priorWeekendSeconds * context.remaining / context.windowSeconds;
            double shifts = (double) priorOnCall / meanSlotSeconds;

            Ledger.Bookings bookings = person.bookings;
            long onCallSeconds = 0;
            long onCallNanos = 0;
            long weekendSeconds = 0;
            long weekendNanos = 0;
            int count = 0;
            for (int i = bookings.firstStartingAtOrAfter(context.windowStart); i < bookings.size(); i++) {
                Ledger.Booking booking = bookings.get(i);
                if (!booking.start.isBefore(context.windowEnd)) {
                    break;
                }
                if (booking.isImLoad()) {
                    onCallSeconds += booking.durationSeconds;
                    onCallNanos += booking.durationNanos;
                    weekendSeconds += booking.weekendSeconds;
                    weekendNanos += booking.weekendNanos;
                    count++;
                }
            }
            long onCall = priorOnCall + onCallSeconds + Math.floorDiv(onCallNanos, NANOS_PER_SECOND);
            long weekend = priorWeekend + weekendSeconds + Math.floorDiv(weekendNanos, NANOS_PER_SECOND);
            long score = onCall / 60 + (weekend / 60) / 2 + Math.round((shifts + count) * DISRUPTION_MINUTES);

            if (person.hasPreferences && !person.prefers(slot, context.slotIndex)) {
                score += preferencePenalty;
            }
            Instant lastEnd = bookings.lastEndBefore(context.at);
            if (lastEnd != null) {
                long seconds = context.at.getEpochSecond() - lastEnd.getEpochSecond();
                if (context.at.getNano() < lastEnd.getNano()) {
                    seconds--;
                }
                long sinceMinutes = seconds / 60;
                if (sinceMinutes < RECENCY_HORIZON_MINUTES) {
                    score += RECENCY_PENALTY_MINUTES * (RECENCY_HORIZON_MINUTES - sinceMinutes) / RECENCY_HORIZON_MINUTES;
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

        /** Position of the slot in {@code rules.slots()} if it is among the first 64, else -1. */
        private int slotIndex(String label) {
            List<Slot> slots = rules.slots();
            for (int i = 0; i < Math.min(64, slots.size()); i++) {
                if (slots.get(i).label().equals(label)) {
                    return i;
                }
            }
            return -1;
        }

        private static Duration fraction(Duration whole, long numerator, long denominator) {
            return Duration.ofSeconds(whole.toSeconds() * numerator / denominator);
        }

        private static String hours(Duration duration) {
            long minutes = duration.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
        }
    }
}
