package com.example.imoc.people;

/**
 * What someone may do in the app: every person is a manager; the coordinator also runs
 * the rotation.
 */
public enum Role {

	MANAGER("Manager"), COORDINATOR("Coordinator");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	/** The role in words, as pages show it. */
	public String label() {
		return this.label;
	}

	public String authority() {
		return "ROLE_" + name();
	}

}
