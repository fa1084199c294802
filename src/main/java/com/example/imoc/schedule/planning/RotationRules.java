package com.example.imoc.schedule.planning;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about a rotation the assigner needs.
 *
 * @param zone wall-clock zone of the slots
 * @param blockDays one assignment covers this many consecutive days of one slot
 * @param anchor blocks start on {@code anchor + k * blockDays} for every integer k, so
 * block boundaries never depend on when planning happened to run
 * @param minimumRest required time between the end of one of a person's shifts and the
 * start of their next; it also applies inside a block, so it must stay below the time
 * between two consecutive days of a slot for whole blocks to be possible
 * @param fairnessWindow how far back (and, for already published shifts, forward) on-call
 * hours count towards a person's load
 */
public record RotationRules(ZoneId zone, List<Slot> slots, int blockDays, LocalDate anchor, List<Layer> layers,
		Duration minimumRest, Duration fairnessWindow) {

	public RotationRules {
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(anchor, "anchor");
		Objects.requireNonNull(minimumRest, "minimumRest");
		Objects.requireNonNull(fairnessWindow, "fairnessWindow");
		slots = slots.stream().sorted(Comparator.comparing(Slot::start).thenComparing(Slot::label)).toList();
		layers = layers.stream().sorted(Comparator.comparingInt(Layer::precedence).thenComparing(Layer::name)).toList();
		if (slots.isEmpty())
			throw new IllegalArgumentException("a rotation needs at least one slot");
		if (layers.isEmpty())
			throw new IllegalArgumentException("a rotation needs at least one layer");
		if (blockDays < 1)
			throw new IllegalArgumentException("blockDays must be at least 1");
		if (minimumRest.isNegative())
			throw new IllegalArgumentException("minimumRest must not be negative");
		if (fairnessWindow.isNegative() || fairnessWindow.isZero()) {
			throw new IllegalArgumentException("fairnessWindow must be positive");
		}
		if (slots.stream().map(Slot::label).distinct().count() != slots.size()) {
			throw new IllegalArgumentException("slot labels must be unique");
		}
	}

	public Optional<Layer> layer(String name) {
		return layers.stream().filter(layer -> layer.name().equals(name)).findFirst();
	}

	public Optional<Slot> slot(String label) {
		return slots.stream().filter(slot -> slot.label().equals(label)).findFirst();
	}

	/** First day of the block containing {@code date}. */
	public LocalDate blockStart(LocalDate date) {
		long offset = Math.floorMod(ChronoUnit.DAYS.between(anchor, date), (long) blockDays);
		return date.minusDays(offset);
	}

	/**
	 * First day after the planning horizon: the end of the block containing
	 * {@code today + horizonWeeks}, so the schedule always ends on a block boundary. A
	 * horizon that cut a block would leave its last days to the next day's run, which
	 * would choose for them alone and split the block between people.
	 */
	public LocalDate horizonEnd(LocalDate today, int horizonWeeks) {
		return blockStart(today.plusWeeks(horizonWeeks)).plusDays(blockDays);
	}

	/** Layer a coverage gap is filed under: the most general one that covers the day. */
	public Layer gapLayer(DayOfWeek day) {
		return layers.stream().filter(layer -> layer.covers(day)).findFirst().orElse(layers.get(0));
	}
}
