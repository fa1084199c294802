package com.example.imoc.rotation;

/**
 * A new rotation as typed: its settings, its daily slots and whether it gets a
 * weekdays-only layer, bound with {@code @ModelAttribute} (see "Forms" in
 * docs/ARCHITECTURE.md).
 */
public class NewRotationForm extends SettingsForm {

	private String slots = "";

	private boolean weekdaysOnlyLayer;

	/** What the form offers before anything is typed. */
	static NewRotationForm suggested() {
		NewRotationForm form = new NewRotationForm();
		form.setTimeZone("UTC");
		form.setBlockDays("4");
		form.setRestHours("8");
		form.setHorizonWeeks("6");
		form.setFreezeDays("1");
		form.setFairnessWindowDays("365");
		form.slots = "23:00-05:00\n05:00-11:00\n11:00-15:00\n15:00-19:00\n19:00-23:00";
		form.weekdaysOnlyLayer = true;
		return form;
	}

	public String getSlots() {
		return this.slots;
	}

	public void setSlots(String slots) {
		this.slots = slots;
	}

	public boolean isWeekdaysOnlyLayer() {
		return this.weekdaysOnlyLayer;
	}

	public void setWeekdaysOnlyLayer(boolean weekdaysOnlyLayer) {
		this.weekdaysOnlyLayer = weekdaysOnlyLayer;
	}

}
