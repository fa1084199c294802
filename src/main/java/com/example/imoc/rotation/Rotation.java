package com.example.imoc.rotation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A rotation's rules. Every number here is data (DOMAIN.md gives the defaults of the
 * seeded IMOC rotation).
 *
 * @param anchor blocks start on anchor + k × blockDays, so block boundaries never drift
 * @param freezeDays shifts starting within this many days are never changed by the
 * assigner, nor swapped without the coordinator
 * @param swapUndoHours how long both parties may undo an accepted swap (never past the
 * earlier shift's start)
 * @param swapNeedsApproval accepted swaps wait for the coordinator before they change the
 * schedule
 */
public record Rotation(long id, String name, ZoneId zone, int blockDays, LocalDate anchor, Duration minimumRest,
		int horizonWeeks, int freezeDays, int fairnessWindowDays, long version, List<RotationSlot> slots,
		List<RotationLayer> layers, int swapUndoHours, boolean swapNeedsApproval) {

	public Optional<RotationSlot> slot(long slotId) {
		return this.slots.stream().filter(s -> s.id() == slotId).findFirst();
	}

	public Optional<RotationLayer> layer(String name) {
		return this.layers.stream().filter(l -> l.name().equals(name)).findFirst();
	}

	public Optional<RotationLayer> layer(long layerId) {
		return this.layers.stream().filter(l -> l.id() == layerId).findFirst();
	}

	public Optional<RotationSlot> slot(String label) {
		return this.slots.stream().filter(s -> s.label().equals(label)).findFirst();
	}

}
