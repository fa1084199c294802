package com.example.imoc.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An audit line as the audit page words it: "Incident updated", "Incident #12", and the
 * details with field names as words ({@code impactStartedAt} → "impact started at"), enum
 * names as words ({@code REVERSE_SHADOW} → "reverse shadow"), nothing as "none", and
 * instants kept apart so the page shows them in the reader's zone.
 */
final class AuditWords {

	/**
	 * A line of the audit page.
	 *
	 * @param subjectLink the subject's page, or {@code null}
	 * @param details the details as text and instants, in reading order
	 */
	record Row(Instant at, String actor, String action, String subject, String subjectLink, List<Part> details) {
	}

	/** Text, or an instant for the page to format. */
	record Part(String text, Instant at) {
	}

	/** Pages of subjects that have one. */
	private static final Map<String, String> PAGES = Map.of("incident", "/incidents/", "person", "/admin/people/",
			"swap", "/swaps/", "rotation", "/rotations/", "handover", "/handover/");

	/** Upper-case words that are names people use, not enum names. */
	private static final Set<String> ACRONYMS = Set.of("IMOC", "APAC", "EMEA", "AMER", "MTTR", "CEST", "AEDT", "AEST",
			"NZDT", "NZST");

	private static final Pattern INSTANT = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

	private static final Pattern ENUM_NAME = Pattern.compile("\\b[A-Z][A-Z_]{3,}\\b");

	private static final Pattern FIELD = Pattern.compile("[A-Za-z][\\w.]*");

	private AuditWords() {
	}

	static Row row(AuditEntry entry) {
		String type = entry.getSubjectType() == null ? "" : entry.getSubjectType();
		String subject = type.isEmpty() ? ""
				: capitalised(words(type)) + (entry.getSubjectId() == null ? "" : " #" + entry.getSubjectId());
		String link = entry.getSubjectId() != null && PAGES.containsKey(type) ? PAGES.get(type) + entry.getSubjectId()
				: null;
		return new Row(entry.getAt(), entry.getActor(), action(entry.getAction()), subject, link,
				parts(details(entry.getDetails())));
	}

	/** {@code incident.updated} → "Incident updated". */
	static String action(String action) {
		return capitalised(words(action));
	}

	/**
	 * The details with fields and values worded; a line that is not a list of fields
	 * keeps its own words, its enum names and instants aside.
	 */
	static String details(String details) {
		List<AuditDiff.Change> changes = AuditDiff.changes(details);
		if (changes.isEmpty() || !changes.stream().allMatch(c -> FIELD.matcher(c.field()).matches())) {
			return value(details);
		}
		List<String> lines = new ArrayList<>();
		for (AuditDiff.Change change : changes) {
			lines.add(words(change.field()) + ": " + (change.before() == null ? value(change.after())
					: value(change.before()) + " → " + value(change.after())));
		}
		return String.join("; ", lines);
	}

	private static String value(String value) {
		if (value == null || value.isBlank() || "null".equals(value)) {
			return "none";
		}
		if ("true".equals(value) || "false".equals(value)) {
			return "true".equals(value) ? "yes" : "no";
		}
		Matcher names = ENUM_NAME.matcher(value);
		StringBuilder worded = new StringBuilder();
		while (names.find()) {
			String name = names.group();
			names.appendReplacement(worded,
					Matcher.quoteReplacement(ACRONYMS.contains(name) ? name : words(name.toLowerCase(Locale.ENGLISH))));
		}
		names.appendTail(worded);
		return worded.toString().replaceAll("\\bnull\\b", "none");
	}

	/** The text cut around its instants, so each can be shown in the reader's zone. */
	static List<Part> parts(String text) {
		List<Part> parts = new ArrayList<>();
		Matcher instants = INSTANT.matcher(text);
		int from = 0;
		while (instants.find()) {
			Instant at = instant(instants.group());
			if (at == null) {
				continue;
			}
			if (instants.start() > from) {
				parts.add(new Part(text.substring(from, instants.start()), null));
			}
			parts.add(new Part(null, at));
			from = instants.end();
		}
		if (from < text.length()) {
			parts.add(new Part(text.substring(from), null));
		}
		return parts;
	}

	private static Instant instant(String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * {@code impactStartedAt} → "impact started at", {@code swap.open-cover} → "swap open
	 * cover".
	 */
	static String words(String code) {
		return code.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("[._-]+", " ").toLowerCase(Locale.ENGLISH).trim();
	}

	private static String capitalised(String words) {
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
