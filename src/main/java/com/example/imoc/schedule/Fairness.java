package com.example.imoc.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import com.example.imoc.people.WorkCalendar;
import com.example.imoc.schedule.planning.FairnessLoad;

/**
 * Load per person over a period: hours, weekend and holiday hours (in the person's own
 * zone and region, {@link WorkCalendar}, as the assigner counts them), shifts and blocks
 * (consecutive days in one slot), and the load fairness compares: hours times each
 * shift's fairness weight (more than 1 for hours volunteered on special coverage days,
 * {@link FairnessSettings#specialDayWeight()}), the same sum the assigner's prior load
 * uses. Plain Java.
 */
final class Fairness {

	/**
	 * @param volunteerHours hours taken as a volunteer on special coverage days
	 * @param load the hours as fairness counts them (volunteered hours weighted)
	 */
	record Row(long personId, String name, double hours, double weekendHours, double holidayHours, int shifts,
			int blocks, double volunteerHours, double load) {

		/**
		 * The load the assigner evens out, as {@link FairnessLoad#weightedHours} weighs
		 * it: hours (volunteered ones weighted), weekend and holiday hours weighing
		 * {@link FairnessLoad#WEEKEND_WEIGHT}.
		 */
		double weightedHours() {
			return FairnessLoad.weightedHours(this.load, this.weekendHours, this.holidayHours);
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

	/**
	 * {@code shifts} are primary (non-shadow) shifts in time order; {@code calendarOf}
	 * gives each person's calendar; {@code weights} the fairness weights other than 1 by
	 * shift id (hours volunteers took on special coverage days).
	 */
	static Summary of(List<ShiftView> shifts, LongFunction<WorkCalendar> calendarOf, Map<Long, Double> weights) {
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
			double[] total = totals.computeIfAbsent(who, k -> new double[5]);
			total[0] += hours;
			double weight = weights.getOrDefault(shift.id(), 1.0);
			FairnessLoad load = FairnessLoad.ofShift(calendarOf.apply(who), shift.start(), shift.end(), weight);
			total[1] += load.weekend().toSeconds() / 3600.0;
			total[2] += load.holiday().toSeconds() / 3600.0;
			total[3] += weight != 1.0 ? hours : 0;
			total[4] += load.onCall().toSeconds() / 3600.0;
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
		totals.forEach((who, total) -> rows.add(new Row(who, names.get(who), total[0], total[1], total[2],
				counts.get(who)[0], counts.get(who)[1], total[3], total[4])));
		rows.sort(Comparator.comparingDouble(Row::load).reversed().thenComparing(Row::name));
		double min = rows.stream().mapToDouble(Row::load).min().orElse(0);
		double max = rows.stream().mapToDouble(Row::load).max().orElse(0);
		int minBlocks = rows.stream().mapToInt(Row::blocks).min().orElse(0);
		int maxBlocks = rows.stream().mapToInt(Row::blocks).max().orElse(0);
		return new Summary(rows, min, max, minBlocks, maxBlocks);
	}

}
