package com.example.imoc.swap;

/**
 * What the swap form's pickers were asked, as typed: a name for the cover's taker, a name
 * and a first day for the swap's shift, and how many matches are shown (the "More"
 * buttons add a page). Kept apart from {@link SwapForm}, which holds the request itself.
 */
public class SwapSearch {

	private String personQuery = "";

	private String shiftPerson = "";

	private String shiftFrom = "";

	private int peopleShown = SwapPickerController.PAGE;

	private int shiftsShown = SwapPickerController.PAGE;

	public String getPersonQuery() {
		return this.personQuery;
	}

	public void setPersonQuery(String personQuery) {
		this.personQuery = personQuery == null ? "" : personQuery;
	}

	public String getShiftPerson() {
		return this.shiftPerson;
	}

	public void setShiftPerson(String shiftPerson) {
		this.shiftPerson = shiftPerson == null ? "" : shiftPerson;
	}

	public String getShiftFrom() {
		return this.shiftFrom;
	}

	public void setShiftFrom(String shiftFrom) {
		this.shiftFrom = shiftFrom == null ? "" : shiftFrom;
	}

	public int getPeopleShown() {
		return this.peopleShown;
	}

	public void setPeopleShown(int peopleShown) {
		this.peopleShown = bounded(peopleShown);
	}

	public int getShiftsShown() {
		return this.shiftsShown;
	}

	public void setShiftsShown(int shiftsShown) {
		this.shiftsShown = bounded(shiftsShown);
	}

	/** A page at least, and at most the largest rotation the benchmark runs, twice. */
	private static int bounded(int shown) {
		return Math.max(SwapPickerController.PAGE, Math.min(shown, 2_000));
	}

}
