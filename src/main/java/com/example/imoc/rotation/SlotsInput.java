package com.example.imoc.rotation;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.example.imoc.rotation.Rotations.NewRotation.SlotSpec;

/**
 * Slots as the coordinator types them, one per line: {@code 23:00-05:00}. Either a list
 * of slots or the first problem, in words.
 */
record SlotsInput(List<SlotSpec> slots, String error) {

	static SlotsInput parse(String text) {
		List<SlotSpec> slots = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		int line = 0;
		for (String raw : (text == null ? "" : text).split("\\R")) {
			line++;
			String entry = raw.trim().replace('–', '-');
			if (entry.isEmpty()) {
				continue;
			}
			String[] parts = entry.split("\\s*-\\s*");
			if (parts.length != 2) {
				return failure("Line " + line + " (\"" + raw.trim() + "\") is not a slot like 05:00-11:00.");
			}
			LocalTime start;
			LocalTime end;
			try {
				start = LocalTime.parse(pad(parts[0]));
				end = LocalTime.parse(pad(parts[1]));
			}
			catch (DateTimeParseException ex) {
				return failure("Line " + line + " (\"" + raw.trim() + "\") has a time that is not HH:MM.");
			}
			if (start.equals(end)) {
				return failure("Line " + line + ": a slot cannot start and end at the same time.");
			}
			String label = start + "-" + end;
			if (!seen.add(label)) {
				return failure("Line " + line + ": " + label + " is listed twice.");
			}
			slots.add(new SlotSpec(label, start, end));
		}
		if (slots.isEmpty()) {
			return failure("Enter at least one slot, like 05:00-11:00.");
		}
		if (slots.size() > 24) {
			return failure("A rotation has at most 24 slots a day.");
		}
		return new SlotsInput(List.copyOf(slots), null);
	}

	private static SlotsInput failure(String message) {
		return new SlotsInput(List.of(), message);
	}

	private static String pad(String time) {
		return time.length() == 4 ? "0" + time : time;
	}

	boolean ok() {
		return this.error == null;
	}

}
