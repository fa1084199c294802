package com.example.imoc.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an audit line words a record: all its fields when it is created, and only the
 * fields that moved when it changes. Each module takes a snapshot of its record (field
 * name to text, in the order a reader expects) before and after a change and lets this
 * class word the difference, so every audit line reads the same way.
 */
public final class AuditDiff {

	private AuditDiff() {
	}

	/** Every field of a new record: {@code name: value; email: value}. */
	public static String describe(Map<String, String> fields) {
		List<String> parts = new ArrayList<>();
		fields.forEach((k, v) -> parts.add(k + ": " + v));
		return String.join("; ", parts);
	}

	/**
	 * The fields of {@code after} whose value differs from {@code before}, in
	 * {@code after}'s order: {@code grade: 7 → 8; role: MANAGER → COORDINATOR}; empty
	 * when nothing moved.
	 */
	public static String diff(Map<String, String> before, Map<String, String> after) {
		List<String> parts = new ArrayList<>();
		after.forEach((k, v) -> {
			if (!Objects.equals(before.get(k), v)) {
				parts.add(change(k, before.get(k), v));
			}
		});
		return String.join("; ", parts);
	}

	/**
	 * A field of an audit line read back: {@code before} is {@code null} for a field of a
	 * new record ({@link #describe}), else the value it moved from ({@link #diff}).
	 */
	public record Change(String field, String before, String after) {
	}

	private static final Pattern FIELD_START = Pattern.compile("^[A-Za-z][\\w.]*: .*", Pattern.DOTALL);

	/**
	 * The fields of an audit line as {@link #describe} or {@link #diff} worded them, for
	 * pages that tell the story in sentences. A value that itself holds {@code "; "}
	 * followed by something other than a field name stays whole.
	 */
	public static List<Change> changes(String details) {
		List<String> parts = new ArrayList<>();
		for (String piece : details == null ? new String[0] : details.split("; ")) {
			if (FIELD_START.matcher(piece).matches() || parts.isEmpty()) {
				parts.add(piece);
			}
			else {
				parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "; " + piece);
			}
		}
		List<Change> changes = new ArrayList<>();
		for (String part : parts) {
			int colon = part.indexOf(": ");
			if (colon < 0) {
				continue;
			}
			String field = part.substring(0, colon);
			String value = part.substring(colon + 2);
			int arrow = value.indexOf(" → ");
			changes.add(arrow < 0 ? new Change(field, null, value)
					: new Change(field, value.substring(0, arrow), value.substring(arrow + 3)));
		}
		return changes;
	}

	/** One field's move: {@code field: before → after}. */
	public static String change(String field, Object before, Object after) {
		return field + ": " + before + " → " + after;
	}

}
