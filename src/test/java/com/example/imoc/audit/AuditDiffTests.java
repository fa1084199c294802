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

	private static Map<String, String> fields(String... pairs) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put(pairs[i], pairs[i + 1]);
		}
		return fields;
	}

}
