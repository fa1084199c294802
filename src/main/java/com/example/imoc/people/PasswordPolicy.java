package com.example.imoc.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one password policy, for every way a password is set through the app: someone
 * changing their own ({@code /profile/password}), a coordinator setting or resetting one
 * on the roster form, and the first coordinator created from {@code IMOC_ADMIN_PASSWORD}.
 * A password has at least {@value #MIN_LENGTH} characters, at most {@value #MAX_BYTES}
 * bytes (BCrypt reads no more, and refuses more), is not one of the common passwords
 * shipped in {@code security/common-passwords.txt} (compared without regard to case), and
 * is not the person's email.
 * <p>
 * Demo seeding is exempt: the demo people's password is {@code demo}, as PRODUCT.md's
 * demo logins promise, and it is never set through the app (demo mode only ever seeds an
 * empty embedded database).
 * <p>
 * Also holds the preferred-slot format, another limit on what people type.
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	static final String TOO_SHORT = "Use at least " + MIN_LENGTH
			+ " characters; a few unrelated words make a good one.";

	static final String TOO_LONG = "Use at most 72 bytes (about 72 letters, fewer with accents or emoji).";

	static final String COMMON = "This is one of the most common passwords, which attackers try first; choose another.";

	static final String IS_EMAIL = "Do not use your email as your password; choose another.";

	static final Pattern SLOT = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");

	static final String BAD_SLOT = " is not a slot; write slots as start-end in 24-hour time, like 23:00-05:00.";

	private static final String COMMON_PASSWORDS = "/security/common-passwords.txt";

	private static final Set<String> common = load();

	private PasswordPolicy() {
	}

	/**
	 * What is wrong with this password for this person, in one sentence; empty when it
	 * may be used.
	 */
	public static Optional<String> problem(String password, String email) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of(TOO_SHORT);
		}
		if (!fitsBcrypt(password)) {
			return Optional.of(TOO_LONG);
		}
		String folded = password.strip().toLowerCase(Locale.ROOT);
		if (common.contains(folded)) {
			return Optional.of(COMMON);
		}
		if (email != null && !email.isBlank()) {
			String address = email.strip().toLowerCase(Locale.ROOT);
			int at = address.indexOf('@');
			if (folded.equals(address) || (at > 0 && folded.equals(address.substring(0, at)))) {
				return Optional.of(IS_EMAIL);
			}
		}
		return Optional.empty();
	}

	static boolean fitsBcrypt(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

	/** How many common passwords are known (the list must have loaded). */
	static int commonCount() {
		return common.size();
	}

	private static Set<String> load() {
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
			if (in == null) {
				throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the class path");
			}
			Set<String> passwords = new HashSet<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String password = line.strip();
				if (!password.isEmpty() && !password.startsWith("#")) {
					passwords.add(password.toLowerCase(Locale.ROOT));
				}
			}
			return Set.copyOf(passwords);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
