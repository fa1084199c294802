package com.example.imoc.people;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Limits on what people type that the storage underneath cannot take: BCrypt reads at most 72 bytes of a password
 * (and refuses more), and preferred slots are wall-clock ranges like {@code 23:00-05:00}.
 */
final class PasswordPolicy {

	static final int MAX_BYTES = 72;

	static final String TOO_LONG = "Use at most 72 bytes (about 72 letters, fewer with accents or emoji).";

	static final Pattern SLOT = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");

	static final String BAD_SLOT = " is not a slot; write slots as start-end in 24-hour time, like 23:00-05:00.";

	private PasswordPolicy() {
	}

	static boolean fitsBcrypt(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

}
