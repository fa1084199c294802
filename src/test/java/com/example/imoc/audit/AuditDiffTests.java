package com.example.imoc.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one wording of audit lines for created and changed records (people, incidents,
 * services, onboarding).
 */
class AuditDiffTests {

	@Test
	void describesEveryFieldInOrder() {
		assertThat(AuditDiff.describe(fields("name", "Ada", "grade", "7", "role", "MANAGER")))
			.isEqualTo("name: Ada; grade: 7; role: MANAGER");
		assertThat(AuditDiff.describe(Map.of())).isEmpty();
	}

	@Test
	void diffNamesOnlyTheFieldsThatMovedInTheOrderOfTheNewSnapshot() {
		Map<String, String> before = fields("name", "Ada", "grade", "7", "role", "MANAGER");
		Map<String, String> after = fields("name", "Ada", "grade", "8", "role", "COORDINATOR");
		assertThat(AuditDiff.diff(before, after)).isEqualTo("grade: 7 → 8; role: MANAGER → COORDINATOR");
		assertThat(AuditDiff.diff(before, before)).isEmpty();
	}

	@Test
	void aFieldNewInTheSnapshotShowsWhereItCameFrom() {
		assertThat(AuditDiff.diff(fields("name", "Ada"), fields("name", "Ada", "links", "x")))
			.isEqualTo("links: null → x");
	}

	@Test
	void oneChangeReadsLikeADiffLine() {
		assertThat(AuditDiff.change("active", true, false)).isEqualTo("active: true → false");
	}

	@Test
	void anAuditLineReadsBackAsItsFieldsWhateverTheirValuesHold() {
		Map<String, String> before = fields("title", "Web; down", "status", "ACTIVE", "summary", "a: b");
		Map<String, String> after = fields("title", "Web; down", "status", "MITIGATED", "summary", "a; b → c");
		assertThat(AuditDiff.changes(AuditDiff.diff(before, after))).containsExactly(
				new AuditDiff.Change("status", "ACTIVE", "MITIGATED"),
				new AuditDiff.Change("summary", "a: b", "a; b → c"));
		assertThat(AuditDiff.changes(AuditDiff.describe(before))).containsExactly(
				new AuditDiff.Change("title", null, "Web; down"), new AuditDiff.Change("status", null, "ACTIVE"),
				new AuditDiff.Change("summary", null, "a: b"));
		assertThat(AuditDiff.changes("")).isEmpty();
	}

	private static Map<String, String> fields(String... pairs) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put(pairs[i], pairs[i + 1]);
		}
		return fields;
	}

}
