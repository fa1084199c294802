package com.example.imoc.people;

/**
 * A holiday the coordinator adds, as typed (checked in {@link HolidayAdminController}).
 */
public class HolidayForm {

	private String region = "";

	private String day = "";

	private String name = "";

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region == null ? "" : region;
	}

	public String getDay() {
		return this.day;
	}

	public void setDay(String day) {
		this.day = day == null ? "" : day;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name == null ? "" : name;
	}

}
