package com.example.imoc;

import java.util.UUID;

/**
 * Client addresses for tests of per-address limits (sign-in and feed-guess throttles).
 */
public final class TestAddresses {

	private TestAddresses() {
	}

	/**
	 * A client address of its own, so tests sharing the context never add up to a lock.
	 */
	public static String unique() {
		UUID id = UUID.randomUUID();
		return "10." + (id.hashCode() & 0xff) + "." + ((id.hashCode() >> 8) & 0xff) + "."
				+ ((id.hashCode() >> 16) & 0xff);
	}

}
