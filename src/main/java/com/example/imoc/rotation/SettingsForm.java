package com.example.imoc.rotation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.validation.Errors;

import com.example.imoc.rotation.Rotations.RotationSettings;

/**
 * The rotation settings form as typed, bound with {@code @ModelAttribute} like every form
 * of the app (see "Forms" in docs/ARCHITECTURE.md): every field is kept as the text the
 * coordinator typed, so a rejected form comes back exactly as it was sent.
 * {@link SettingsInput} checks it field by field.
 */
public class SettingsForm {

	private String version = "";

	private String name = "";

	private String timeZone = "";

	private String blockDays = "";

	private String restHours = "";

	private String horizonWeeks = "";

	private String freezeDays = "";

	private String fairnessWindowDays = "";

	private String swapUndoHours;

	private boolean swapNeedsApproval;

	static SettingsForm of(Rotation rotation) {
		SettingsForm form = new SettingsForm();
		form.version = String.valueOf(rotation.version());
		form.name = rotation.name();
		form.timeZone = rotation.zone().getId();
		form.blockDays = String.valueOf(rotation.blockDays());
		form.restHours = String.valueOf(rotation.minimumRest().toHours());
		form.horizonWeeks = String.valueOf(rotation.horizonWeeks());
		form.freezeDays = String.valueOf(rotation.freezeDays());
		form.fairnessWindowDays = String.valueOf(rotation.fairnessWindowDays());
		form.swapUndoHours = String.valueOf(rotation.swapUndoHours());
		form.swapNeedsApproval = rotation.swapNeedsApproval();
		return form;
	}

	/**
	 * The settings, or {@code null} with each problem rejected on its field of
	 * {@code errors}.
	 */
	RotationSettings check(Errors errors) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("name", this.name);
		fields.put("timeZone", this.timeZone);
		fields.put("blockDays", this.blockDays);
		fields.put("restHours", this.restHours);
		fields.put("horizonWeeks", this.horizonWeeks);
		fields.put("freezeDays", this.freezeDays);
		fields.put("fairnessWindowDays", this.fairnessWindowDays);
		if (this.swapUndoHours != null) {
			fields.put("swapUndoHours", this.swapUndoHours);
		}
		fields.put("swapNeedsApproval", String.valueOf(this.swapNeedsApproval));
		fields.replaceAll((key, value) -> (value != null) ? value : "");
		SettingsInput input = SettingsInput.parse(fields);
		input.errors().forEach((field, message) -> errors.rejectValue(field, "invalid", message));
		return input.errors().isEmpty() ? input.settings() : null;
	}

	/**
	 * The version the coordinator saw, or -1 when the form carries none (then saving
	 * reports a concurrent change).
	 */
	long version() {
		try {
			return Long.parseLong((this.version != null) ? this.version.trim() : "");
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public void setTimeZone(String timeZone) {
		this.timeZone = timeZone;
	}

	public String getBlockDays() {
		return this.blockDays;
	}

	public void setBlockDays(String blockDays) {
		this.blockDays = blockDays;
	}

	public String getRestHours() {
		return this.restHours;
	}

	public void setRestHours(String restHours) {
		this.restHours = restHours;
	}

	public String getHorizonWeeks() {
		return this.horizonWeeks;
	}

	public void setHorizonWeeks(String horizonWeeks) {
		this.horizonWeeks = horizonWeeks;
	}

	public String getFreezeDays() {
		return this.freezeDays;
	}

	public void setFreezeDays(String freezeDays) {
		this.freezeDays = freezeDays;
	}

	public String getFairnessWindowDays() {
		return this.fairnessWindowDays;
	}

	public void setFairnessWindowDays(String fairnessWindowDays) {
		this.fairnessWindowDays = fairnessWindowDays;
	}

	public String getSwapUndoHours() {
		return this.swapUndoHours;
	}

	public void setSwapUndoHours(String swapUndoHours) {
		this.swapUndoHours = swapUndoHours;
	}

	public boolean isSwapNeedsApproval() {
		return this.swapNeedsApproval;
	}

	public void setSwapNeedsApproval(boolean swapNeedsApproval) {
		this.swapNeedsApproval = swapNeedsApproval;
	}

}
