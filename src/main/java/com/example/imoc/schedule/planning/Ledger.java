package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Who is booked when, for the hard rules (overlap, rest) and for fairness load. Bookings
 * that start before the planning origin still block overlap and rest, but their hours do
 * not count as load: the caller already reported them as each candidate's prior hours.
 * Weekend and holiday hours are the booked person's own ({@link WorkCalendar}: their
 * zone, their region's holidays); load is {@link FairnessLoad}.
 */
final class Ledger {

	/**
	 * One booking, with its length, weekend and holiday parts kept as seconds and nanos
	 * for the hot loop.
	 */
	static final class Booking {

		final TimeRange range;

		final Instant start;

		final Instant end;

		final boolean shadow;

		final boolean countsAsLoad;

		final Duration duration;

		final Duration weekend;

		final Duration holiday;

		final long durationSeconds;

		final int durationNanos;

		final long weekendSeconds;

		final int weekendNanos;

		final long holidaySeconds;

		final int holidayNanos;

		Booking(TimeRange range, boolean shadow, boolean countsAsLoad, WorkCalendar.Hours offHours) {
			this.range = range;
			this.start = range.start();
			this.end = range.end();
			this.shadow = shadow;
			this.countsAsLoad = countsAsLoad;
			this.duration = range.duration();
			this.weekend = offHours.weekend();
			this.holiday = offHours.holiday();
			this.durationSeconds = duration.getSeconds();
			this.durationNanos = duration.getNano();
			this.weekendSeconds = weekend.getSeconds();
			this.weekendNanos = weekend.getNano();
			this.holidaySeconds = holiday.getSeconds();
			this.holidayNanos = holiday.getNano();
		}

		boolean isImLoad() {
			return countsAsLoad && !shadow;
		}

	}

	/**
	 * One person's bookings, sorted by start (equal starts in booking order), with the
	 * running maximum of their ends so that "does anything overlap this window" is one
	 * binary search.
	 */
	static final class Bookings {

		private Booking[] items = new Booking[8];

		private Instant[] maxEnd = new Instant[8];

		private int size;

		private Duration shadowLoad = Duration.ZERO;

		int size() {
			return size;
		}

		Booking get(int index) {
			return items[index];
		}

		/** Index of the first booking starting at or after {@code at}. */
		int firstStartingAtOrAfter(Instant at) {
			int low = 0;
			int high = size;
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (items[mid].start.compareTo(at) < 0) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

		private int firstStartingAfter(Instant at) {
			int low = 0;
			int high = size;
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (items[mid].start.compareTo(at) <= 0) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

		void add(Booking booking) {
			if (size == items.length) {
				items = Arrays.copyOf(items, size * 2);
				maxEnd = Arrays.copyOf(maxEnd, size * 2);
			}
			int at = firstStartingAfter(booking.start);
			System.arraycopy(items, at, items, at + 1, size - at);
			items[at] = booking;
			size++;
			refreshMaxEnd(at);
			if (booking.shadow && booking.countsAsLoad) {
				shadowLoad = shadowLoad.plus(booking.duration);
			}
		}

		void remove(TimeRange range, boolean shadow) {
			int kept = 0;
			for (int i = 0; i < size; i++) {
				Booking booking = items[i];
				if (booking.range.equals(range) && booking.shadow == shadow) {
					if (booking.shadow && booking.countsAsLoad) {
						shadowLoad = shadowLoad.minus(booking.duration);
					}
				}
				else {
					items[kept++] = booking;
				}
			}
			for (int i = kept; i < size; i++) {
				items[i] = null;
				maxEnd[i] = null;
			}
			size = kept;
			refreshMaxEnd(0);
		}

		private void refreshMaxEnd(int from) {
			Instant max = from == 0 ? null : maxEnd[from - 1];
			for (int i = from; i < size; i++) {
				Instant end = items[i].end;
				if (max == null || end.isAfter(max)) {
					max = end;
				}
				maxEnd[i] = max;
			}
		}

		/**
		 * True when a booking starts before {@code endPlusRest} and ends after
		 * {@code startMinusRest}.
		 */
		boolean clashes(Instant startMinusRest, Instant endPlusRest) {
			int before = firstStartingAtOrAfter(endPlusRest);
			return before > 0 && maxEnd[before - 1].isAfter(startMinusRest);
		}

		/**
		 * Latest end of a booking that starts before {@code at} and ends by {@code at},
		 * or null.
		 */
		Instant lastEndBefore(Instant at) {
			int before = firstStartingAtOrAfter(at);
			if (before == 0) {
				return null;
			}
			Instant max = maxEnd[before - 1];
			if (!max.isAfter(at)) {
				return max;
			}
			Instant latest = null;
			for (int i = before - 1; i >= 0; i--) {
				if (latest != null && !maxEnd[i].isAfter(latest)) {
					break;
				}
				Instant end = items[i].end;
				if (!end.isAfter(at) && (latest == null || end.isAfter(latest))) {
					latest = end;
				}
			}
			return latest;
		}

		Duration shadowLoad() {
			return shadowLoad;
		}

	}

	private final Instant origin;

	private final LongFunction<WorkCalendar> calendarOf;

	private final Map<Long, Bookings> byPerson = new HashMap<>();

	/**
	 * {@code calendarOf} gives each person's own calendar, for the weekend and holiday
	 * part of their bookings.
	 */
	Ledger(Instant origin, LongFunction<WorkCalendar> calendarOf) {
		this.origin = origin;
		this.calendarOf = calendarOf;
	}

	/**
	 * The person's bookings, live: later calls to {@link #book} and {@link #release} show
	 * in it.
	 */
	Bookings of(long personId) {
		return byPerson.computeIfAbsent(personId, id -> new Bookings());
	}

	void book(long personId, TimeRange range, boolean shadow) {
		of(personId).add(new Booking(range, shadow, !range.start().isBefore(origin),
				calendarOf.apply(personId).hours(range.start(), range.end())));
	}

	void release(long personId, TimeRange range, boolean shadow) {
		Bookings bookings = byPerson.get(personId);
		if (bookings != null) {
			bookings.remove(range, shadow);
		}
	}

	/**
	 * True when the person has a booking overlapping {@code shift} or closer to it than
	 * {@code rest}.
	 */
	boolean clashes(long personId, TimeRange shift, Duration rest) {
		Bookings bookings = byPerson.get(personId);
		return bookings != null && bookings.clashes(shift.start().minus(rest), shift.end().plus(rest));
	}

	static boolean restRespected(TimeRange a, TimeRange b, Duration rest) {
		return !a.end().plus(rest).isAfter(b.start()) || !b.end().plus(rest).isAfter(a.start());
	}

	/** IM load of shifts starting within {@code window} either side of {@code at}. */
	FairnessLoad onCallLoad(long personId, Instant at, Duration window) {
		Bookings bookings = byPerson.get(personId);
		if (bookings == null) {
			return FairnessLoad.NONE;
		}
		FairnessLoad load = FairnessLoad.NONE;
		Instant until = at.plus(window);
		for (int i = bookings.firstStartingAtOrAfter(at.minus(window)); i < bookings.size(); i++) {
			Booking booking = bookings.get(i);
			if (!booking.start.isBefore(until)) {
				break;
			}
			if (booking.isImLoad()) {
				load = load.plus(new FairnessLoad(booking.duration, booking.weekend, booking.holiday, 1));
			}
		}
		return load;
	}

	Duration shadowHours(long personId) {
		Bookings bookings = byPerson.get(personId);
		return bookings == null ? Duration.ZERO : bookings.shadowLoad();
	}

	/** End of the person's latest booking that finished by {@code at}. */
	Optional<Instant> lastEndBefore(long personId, Instant at) {
		Bookings bookings = byPerson.get(personId);
		return bookings == null ? Optional.empty() : Optional.ofNullable(bookings.lastEndBefore(at));
	}

}
