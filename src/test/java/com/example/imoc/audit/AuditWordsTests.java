package com.example.imoc.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit page words codes: actions, field names, enum names, nothing and yes/no; its
 * instants are kept apart for the page to show in the reader's zone.
 */
class AuditWordsTests {

	static final Instant AT = Instant.parse("2026-11-30T14:06:00Z");

	@Test
	void aChangedRecordReadsInWords() {
		AuditWords.Row row = AuditWords.row(new AuditEntry(AT, "jane.doe@example.com", "incident.updated", "incident",
				12L,
				"status: ACTIVE → MITIGATED; mitigatedAt: null → 2026-11-30T14:05:00Z; reviewCompleted: false → true"));
		assertThat(row.action()).isEqualTo("Incident updated");
		assertThat(row.subject()).isEqualTo("Incident #12");
		assertThat(row.subjectLink()).isEqualTo("/incidents/12");
		assertThat(row.details()).containsExactly(
				new AuditWords.Part("status: active → mitigated; mitigated at: none → ", null),
				new AuditWords.Part(null, Instant.parse("2026-11-30T14:05:00Z")),
				new AuditWords.Part("; review completed: no → yes", null));
	}

	@Test
	void rolesAndOnboardingStatesReadAsWordsAndRegionsStayAsTheyAre() {
		assertThat(AuditWords
			.details("role: MANAGER → COORDINATOR; onboardingState: REVERSE_SHADOW → ACTIVE; region: EMEA"))
			.isEqualTo("role: manager → coordinator; onboarding state: reverse shadow → active; region: EMEA");
	}

	@Test
	void aSentenceKeepsItsWordsAndLosesItsCodes() {
		assertThat(
				AuditWords.details("Open cover of the coverage gap 2026-12-01 05:00-11:00 UTC (IMOC), state PENDING"))
			.isEqualTo("Open cover of the coverage gap 2026-12-01 05:00-11:00 UTC (IMOC), state pending");
		AuditWords.Row row = AuditWords
			.row(new AuditEntry(AT, "system", "swap.open-cover", "shift", 9L, "moved at 2026-12-01T05:00:00.123456Z"));
		assertThat(row.action()).isEqualTo("Swap open cover");
		assertThat(row.subject()).isEqualTo("Shift #9");
		assertThat(row.subjectLink()).isNull();
		assertThat(row.details()).containsExactly(new AuditWords.Part("moved at ", null),
				new AuditWords.Part(null, Instant.parse("2026-12-01T05:00:00.123456Z")));
	}

}
