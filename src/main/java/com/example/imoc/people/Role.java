package com.example.imoc.people;

/**
 * What someone may do in the app: every person is a manager; the coordinator also runs
 * the rotation.
 */
public enum Role {

	MANAGER, COORDINATOR;

	public String authority() {
		return "ROLE_" + name();
	}

}
