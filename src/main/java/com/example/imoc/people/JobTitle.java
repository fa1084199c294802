package com.example.imoc.people;

/**
 * Job titles on the engineering ladder, with the grade each usually carries.
 */
public enum JobTitle {

	BACKEND_ENGINEERING_MANAGER("Backend Engineering Manager", 8),
	FRONTEND_ENGINEERING_MANAGER("Frontend Engineering Manager", 8),
	FULLSTACK_ENGINEERING_MANAGER("Fullstack Engineering Manager", 8),
	SENIOR_ENGINEERING_MANAGER("Senior Engineering Manager", 9), DIRECTOR_OF_ENGINEERING("Director of Engineering", 10),
	STAFF_ENGINEER("Staff Engineer", 8), SENIOR_ENGINEER("Senior Engineer", 7),
	SITE_RELIABILITY_ENGINEER("Site Reliability Engineer", 7), ROTATION_COORDINATOR("Rotation Coordinator", 8);

	private final String label;

	private final int usualGrade;

	JobTitle(String label, int usualGrade) {
		this.label = label;
		this.usualGrade = usualGrade;
	}

	public String label() {
		return this.label;
	}

	public int usualGrade() {
		return this.usualGrade;
	}

	boolean isEngineeringManager() {
		return this == BACKEND_ENGINEERING_MANAGER || this == FRONTEND_ENGINEERING_MANAGER
				|| this == FULLSTACK_ENGINEERING_MANAGER || this == SENIOR_ENGINEERING_MANAGER;
	}

	/**
	 * Accepts the enum name or the human label, case-insensitively (CSV files use
	 * either).
	 */
	public static JobTitle parse(String text) {
		String wanted = text.trim();
		for (JobTitle title : values()) {
			if (title.name().equalsIgnoreCase(wanted.replace(' ', '_')) || title.label.equalsIgnoreCase(wanted)) {
				return title;
			}
		}
		throw new IllegalArgumentException("unknown job title \"" + wanted + "\"");
	}

}
