package com.example.imoc.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

	/** One field's move: {@code field: before → after}. */
	public static String change(String field, Object before, Object after) {
		return field + ": " + before + " → " + after;
	}

}
