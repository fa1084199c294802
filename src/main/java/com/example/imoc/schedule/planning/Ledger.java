package com.example.imoc.schedule.planning;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who is booked when, for the hard rules (overlap, rest) and for fairness load. Bookings that
 * start before the planning origin still block overlap and rest, but their hours do not count as
 * load: the caller already reported them as each candidate's prior hours.
 */
final class Ledger {

    /**
     * On-call time and the number of shifts it came in; {@code shifts} is fractional because prior
     * history arrives as hours only and is converted at the rotation's mean slot length.
     */
    record Load(Duration onCall, Duration weekend, double shifts) {
        static final Load NONE = new Load(Duration.ZERO, Duration.ZERO, 0);

        Load plus(Load other) {
            return new Load(onCall.plus(other.onCall), weekend.plus(other.weekend), shifts + other.shifts);
        }

        /**
         * Weekend hours weigh 1.5 so the weekend load spreads over everyone who can take it; each
         * shift also costs {@code disruptionPerShift}, whatever its length.
         */
        long weightedMinutes(Duration disruptionPerShift) {
            return onCall.toMinutes() + weekend.toMinutes() / 2 + Math.round(shifts * disruptionPerShift.toMinutes());
        }
    }

    private record Booking(TimeRange range, boolean shadow, boolean countsAsLoad, Duration weekend) {
    }

    private final ZoneId zone;
    private final Instant origin;
    private final Map<Long, NavigableMap<Instant, List<Booking>>> byPerson = new TreeMap<>();
    private Duration longestBooking = Duration.ZERO;

    Ledger(ZoneId zone, Instant origin) {
        this.zone = zone;
        this.origin = origin;
    }

    void book(long personId, TimeRange range, boolean shadow) {
        Booking booking = new Booking(range, shadow, !range.start().isBefore(origin), weekendPart(range));
        byPerson.computeIfAbsent(personId, id -> new TreeMap<>())
                .computeIfAbsent(range.start(), start -> new ArrayList<>())
                .add(booking);
        if (range.duration().compareTo(longestBooking) > 0) {
            longestBooking = range.duration();
        }
    }

    void release(long personId, TimeRange range, boolean shadow) {
        NavigableMap<Instant, List<Booking>> bookings = byPerson.get(personId);
        List<Booking> atStart = bookings == null ? null : bookings.get(range.start());
        if (atStart == null) {
            return;
        }
        atStart.removeIf(booking -> booking.range().equals(range) && booking.shadow() == shadow);
        if (atStart.isEmpty()) {
            bookings.remove(range.start());
        }
    }

    /** True when the person has a booking overlapping {@code shift} or closer to it than {@code rest}. */
    boolean clashes(long personId, TimeRange shift, Duration rest) {
        NavigableMap<Instant, List<Booking>> bookings = byPerson.get(personId);
        if (bookings == null) {
            return false;
        }
        Instant nothingStartingBeforeMatters = shift.start().minus(longestBooking).minus(rest);
        for (var entry : bookings.headMap(shift.end().plus(rest), false).descendingMap().entrySet()) {
            if (!entry.getKey().isAfter(nothingStartingBeforeMatters)) {
                break;
            }
            for (Booking booking : entry.getValue()) {
                if (!restRespected(booking.range(), shift, rest)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean restRespected(TimeRange a, TimeRange b, Duration rest) {
        return !a.end().plus(rest).isAfter(b.start()) || !b.end().plus(rest).isAfter(a.start());
    }

    /** IM load of shifts starting within {@code window} either side of {@code at}. */
    Load onCallLoad(long personId, Instant at, Duration window) {
        NavigableMap<Instant, List<Booking>> bookings = byPerson.get(personId);
        if (bookings == null) {
            return Load.NONE;
        }
        Load load = Load.NONE;
        for (List<Booking> atStart : bookings.subMap(at.minus(window), true, at.plus(window), false).values()) {
            for (Booking booking : atStart) {
                if (booking.countsAsLoad() && !booking.shadow()) {
                    load = load.plus(new Load(booking.range().duration(), booking.weekend(), 1));
                }
            }
        }
        return load;
    }

    Duration shadowHours(long personId) {
        NavigableMap<Instant, List<Booking>> bookings = byPerson.get(personId);
        if (bookings == null) {
            return Duration.ZERO;
        }
        return bookings.values().stream()
                .flatMap(List::stream)
                .filter(booking -> booking.shadow() && booking.countsAsLoad())
                .map(booking -> booking.range().duration())
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** End of the person's latest booking that finished by {@code at}. */
    Optional<Instant> lastEndBefore(long personId, Instant at) {
        NavigableMap<Instant, List<Booking>> bookings = byPerson.get(personId);
        if (bookings == null) {
            return Optional.empty();
        }
        Instant latest = null;
        for (var entry : bookings.headMap(at, false).descendingMap().entrySet()) {
            if (latest != null && entry.getKey().plus(longestBooking).isBefore(latest)) {
                break;
            }
            for (Booking booking : entry.getValue()) {
                Instant end = booking.range().end();
                if (!end.isAfter(at) && (latest == null || end.isAfter(latest))) {
                    latest = end;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The part of {@code range} that falls on a local Saturday or Sunday. */
    Duration weekendPart(TimeRange range) {
        Duration weekend = Duration.ZERO;
        LocalDate day = LocalDate.ofInstant(range.start(), zone);
        while (day.atStartOfDay(zone).toInstant().isBefore(range.end())) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                Instant from = max(range.start(), day.atStartOfDay(zone).toInstant());
                Instant to = min(range.end(), day.plusDays(1).atStartOfDay(zone).toInstant());
                if (from.isBefore(to)) {
                    weekend = weekend.plus(Duration.between(from, to));
                }
            }
            day = day.plusDays(1);
        }
        return weekend;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
