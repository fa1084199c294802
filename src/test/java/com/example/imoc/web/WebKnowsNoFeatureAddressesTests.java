package com.example.imoc.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.example.imoc.TableOwners;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web shell names no feature's address: every string literal under
 * {@code src/main/java/com/example/imoc/web} that is an address starts with one of the
 * shell's own (sign-in, errors, static files, health, the JSON API's root). A feature
 * says its rules where it lives (a {@code Customizer} bean for the security chain, a
 * {@code web.api.MachinePath} bean for the filters).
 */
class WebKnowsNoFeatureAddressesTests {

	private static final Path WEB = Path.of("src/main/java/com/example/imoc/web");

	/**
	 * The page cache's address list is declared by the features it serves in issue #18
	 * item 2 (a separate change); until then it is the one file left out.
	 */
	private static final List<String> SHELL = List.of("/login", "/logout", "/error", "/css/", "/js/", "/images/",
			"/favicon.ico", "/webjars/", "/actuator/", "/oauth2/");

	/** The JSON API's root (errors there are JSON); what lies below it is a feature's. */
	private static final String API_ROOT = "/api/";

	@Test
	void noStringLiteralInTheWebShellIsAFeatureAddress() throws IOException {
		List<String> offending = new ArrayList<>();
		int addresses = 0;
		try (Stream<Path> files = Files.walk(WEB)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				for (String literal : stringLiterals(Files.readString(file))) {
					for (String address : addresses(literal)) {
						addresses++;
						if (!isShellAddress(address)) {
							offending.add(WEB.relativize(file) + ": \"" + literal + "\"");
						}
					}
				}
			}
		}
		assertThat(addresses).as("addresses found in the web shell (the scan reads literals)").isGreaterThan(10);
		assertThat(offending).as("feature addresses named in the web shell").isEmpty();
	}

	/**
	 * Words that are a table's name and also the kind of subject an audit line is about
	 * ({@code AuditLog.record(action, "person", id, details)}: the sign-in code audits
	 * sign-ins of a person), not the table.
	 */
	private static final List<String> AUDIT_SUBJECTS = List.of("person");

	/**
	 * Nor a feature's table: the page cache's dependency list is the union of what the
	 * modules declare with their {@code CachedPages}.
	 */
	@Test
	void noStringLiteralInTheWebShellIsAFeatureTable() throws IOException {
		List<String> offending = new ArrayList<>();
		try (Stream<Path> files = Files.walk(WEB)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				for (String literal : stringLiterals(Files.readString(file))) {
					if (TableOwners.OWNER.containsKey(literal) && !AUDIT_SUBJECTS.contains(literal)) {
						offending.add(WEB.relativize(file) + ": \"" + literal + "\"");
					}
				}
			}
		}
		assertThat(offending).as("feature tables named in the web shell").isEmpty();
		assertThat(TableOwners.OWNER).as("the owners the scan reads").containsKeys("shift", "person", "notification");
	}

	@Test
	void theScanFindsAFeatureAddressInCodeButNotInComments() {
		String source = """
				/** Mentions "/admin/people" in a comment. */
				class Example {
					// and "/rotations" here
					String ok = "/login?error";
					String pattern = "/actuator/health/**"; /* "/ical/" */
					String bad = "/admin/**";
					String escaped = "say \\"/swaps\\"";
					char slash = '/';
				}
				""";
		List<String> found = stringLiterals(source).stream()
			.flatMap(literal -> addresses(literal).stream())
			.filter(address -> !isShellAddress(address))
			.toList();
		assertThat(found).containsExactly("/admin/**");
		assertThat(isShellAddress("/api/")).isTrue();
		assertThat(isShellAddress("/api/v1/oncall")).isFalse();
		assertThat(addresses("/|/my/shifts|/rotations")).containsExactly("/my/shifts", "/rotations");
	}

	private static boolean isShellAddress(String address) {
		return address.equals(API_ROOT) || SHELL.stream().anyMatch(address::startsWith);
	}

	/**
	 * The addresses a literal names: the literal itself when it starts with a slash and a
	 * letter, and each alternative of a pattern like {@code /a|/b}.
	 */
	static List<String> addresses(String literal) {
		List<String> addresses = new ArrayList<>();
		for (String alternative : literal.split("\\|")) {
			if (alternative.length() > 1 && alternative.charAt(0) == '/' && Character.isLetter(alternative.charAt(1))) {
				addresses.add(alternative);
			}
		}
		return addresses;
	}

	/** The string literals of Java source, outside comments and char literals. */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (source.startsWith("//", i)) {
				int end = source.indexOf('\n', i);
				i = end < 0 ? source.length() : end + 1;
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				i = end < 0 ? source.length() : end + 2;
			}
			else if (c == '\'') {
				i = skipQuoted(source, i, '\'');
			}
			else if (source.startsWith("\"\"\"", i)) {
				int end = source.indexOf("\"\"\"", i + 3);
				literals.add(source.substring(i + 3, end < 0 ? source.length() : end).strip());
				i = end < 0 ? source.length() : end + 3;
			}
			else if (c == '"') {
				int end = skipQuoted(source, i, '"');
				literals.add(source.substring(i + 1, end - 1).replace("\\\"", "\""));
				i = end;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	/** The index after the closing quote of the quoted text starting at {@code start}. */
	private static int skipQuoted(String source, int start, char quote) {
		int i = start + 1;
		while (i < source.length() && source.charAt(i) != quote) {
			i += source.charAt(i) == '\\' ? 2 : 1;
		}
		return Math.min(i + 1, source.length());
	}

}
