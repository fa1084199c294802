package com.example.imoc.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Load per person over a period: hours, weekend hours, shifts and blocks (consecutive days in one slot). Plain Java.
 */
final class Fairness {

	record Row(long personId, String name, double hours, double weekendHours, int shifts, int blocks) {

		/** Weekend hours weigh 1.5, as the assigner balances them (so a weekend hour counts half an hour extra). */
		static final double WEEKEND_WEIGHT = 1.5;

		/** The load the assigner evens out: hours, with weekend hours weighted by {@link #WEEKEND_WEIGHT}. */
		double weightedHours() {
			return this.hours + (WEEKEND_WEIGHT - 1) * this.weekendHours;
		}

	}

	record Summary(List<Row> rows, double minHours, double maxHours, int minBlocks, int maxBlocks) {

		public double hoursSpread() {
			return this.maxHours - this.minHours;
		}

		public int blockSpread() {
			return this.maxBlocks - this.minBlocks;
		}

	}

	private Fairness() {
	}

	/** {@code shifts} are primary (non-shadow) shifts in time order. */
	static Summary of(List<ShiftView> shifts) {
		Map<Long, double[]> totals = new HashMap<>();
		Map<Long, String> names = new HashMap<>();
		Map<Long, ShiftView> lastBySlotOwner = new HashMap<>();
		Map<Long, int[]> counts = new HashMap<>();
		for (ShiftView shift : shifts) {
			if (shift.shadow() || shift.isGap()) {
				continue;
			}
			long who = shift.assigneeId();
			names.put(who, shift.assigneeName());
			double hours = shift.length().toMinutes() / 60.0;
			double[] total = totals.computeIfAbsent(who, k -> new double[2]);
			total[0] += hours;
			DayOfWeek day = shift.date().getDayOfWeek();
			if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
				total[1] += hours;
			}
			int[] count = counts.computeIfAbsent(who, k -> new int[2]);
			count[0]++;
			ShiftView previous = lastBySlotOwner.get(who);
			boolean continues = previous != null && previous.slotId() == shift.slotId()
					&& previous.date().plusDays(1).equals(shift.date());
			if (!continues) {
				count[1]++;
			}
			lastBySlotOwner.put(who, shift);
		}
		List<Row> rows = new ArrayList<>();
		totals.forEach((who, total) -> rows.add(new Row(who, names.get(who), total[0], total[1], counts.get(who)[0],
				counts.get(who)[1])));
		rows.sort(Comparator.comparingDouble(Row::hours).reversed().thenComparing(Row::name));
		double min = rows.stream().mapToDouble(Row::hours).min().orElse(0);
		double max = rows.stream().mapToDouble(Row::hours).max().orElse(0);
		int minBlocks = rows.stream().mapToInt(Row::blocks).min().orElse(0);
		int maxBlocks = rows.stream().mapToInt(Row::blocks).max().orElse(0);
		return new Summary(rows, min, max, minBlocks, maxBlocks);
	}

}
