package com.example.imoc.rotation;

import org.springframework.validation.Errors;

/**
 * The daily slots as typed on the settings page, one per line, bound with
 * {@code @ModelAttribute} (see "Forms" in docs/ARCHITECTURE.md); {@link SlotsInput} reads
 * them.
 */
public class SlotsForm {

	private String slots = "";

	static SlotsForm of(Rotation rotation) {
		SlotsForm form = new SlotsForm();
		form.slots = String.join("\n", rotation.slots().stream().map(RotationSlot::label).toList());
		return form;
	}

	/** The slots, or {@code null} with the problem rejected on the field. */
	SlotsInput check(Errors errors) {
		SlotsInput input = SlotsInput.parse(this.slots);
		if (!input.ok()) {
			errors.rejectValue("slots", "invalid", input.error());
			return null;
		}
		return input;
	}

	public String getSlots() {
		return this.slots;
	}

	public void setSlots(String slots) {
		this.slots = slots;
	}

}
