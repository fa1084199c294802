package com.example.imoc.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The root-cause categories of DOMAIN.md; {@link #label()} is their spelling there
 * ("Software-Change").
 */
public enum RootCause {

	SOFTWARE_CHANGE("Software-Change"), FEATURE_FLAG("Feature-Flag"), CONFIG_CHANGE("Config-Change"), SPOF("SPoF"),
	MALICIOUS_TRAFFIC("Malicious-Traffic"), SATURATION("Saturation"), EXTERNAL_DEPENDENCY("External-Dependency"),
	RELEASE_COMPATIBILITY("Release-Compatibility"), SECURITY("Security"), FLAKY_TEST("Flaky-Test"),
	INDETERMINATE("Indeterminate");

	private final String label;

	RootCause(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * Accepts the label ("Software-Change") or the constant name ("SOFTWARE_CHANGE"), in
	 * any case.
	 */
	public static Optional<RootCause> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		return Arrays.stream(values()).filter(c -> c.name().equals(wanted)).findFirst();
	}

}
