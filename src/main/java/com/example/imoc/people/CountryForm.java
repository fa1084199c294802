package com.example.imoc.people;

/**
 * The country whose public holidays a region takes, as typed on {@code /admin/holidays}
 * (one form per region, checked in {@link HolidayAdminController}).
 */
public class CountryForm {

	private String country = "";

	static CountryForm of(String country) {
		CountryForm form = new CountryForm();
		form.setCountry(country);
		return form;
	}

	public String getCountry() {
		return this.country;
	}

	public void setCountry(String country) {
		this.country = country == null ? "" : country;
	}

}
