package com.example.imoc.rotation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.imoc.rotation.Rotations.RotationSettings;

/** The settings form as typed, checked field by field. */
record SettingsInput(RotationSettings settings, Map<String, String> errors) {

	static SettingsInput parse(Map<String, String> params) {
		Map<String, String> errors = new LinkedHashMap<>();
		String name = params.getOrDefault("name", "").trim();
		if (name.isEmpty() || name.length() > 100) {
			errors.put("name", "Enter a name of up to 100 characters.");
		}
		String zoneText = params.getOrDefault("timeZone", "").trim();
		ZoneId zone = null;
		try {
			zone = ZoneId.of(zoneText);
		}
		catch (RuntimeException ex) {
			errors.put("timeZone", "\"" + zoneText + "\" is not a time zone; use an IANA name like Europe/Berlin.");
		}
		int blockDays = number(params, "blockDays", 1, 28, "Block length is 1 to 28 days.", errors);
		int restHours = number(params, "restHours", 0, 168, "Minimum rest is 0 to 168 hours.", errors);
		int horizon = number(params, "horizonWeeks", 1, 104, "The horizon is 1 to 104 weeks.", errors);
		int freeze = number(params, "freezeDays", 0, 90, "The freeze window is 0 to 90 days.", errors);
		int window = number(params, "fairnessWindowDays", 7, 730, "The fairness window is 7 to 730 days.", errors);
		int undo = params.containsKey("swapUndoHours")
				? number(params, "swapUndoHours", 0, 720, "The undo period is 0 to 720 hours.", errors) : 24;
		boolean approval = "true".equals(params.get("swapNeedsApproval"));
		if (!errors.isEmpty()) {
			return new SettingsInput(null, errors);
		}
		return new SettingsInput(new RotationSettings(name, zone, blockDays, Duration.ofHours(restHours), horizon,
				freeze, window, undo, approval), errors);
	}

	private static int number(Map<String, String> params, String field, int min, int max, String message,
			Map<String, String> errors) {
		try {
			int value = Integer.parseInt(params.getOrDefault(field, "").trim());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.put(field, message);
		return 0;
	}

}
