package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.imoc.incident.availability.IncidentFacts.MitigationOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * "Time to mitigate under 30 minutes" (DOMAIN.md): strictly under, from impact start
 * (else declared at) to mitigated at (else resolved at); an S1/S2 still open once 30
 * minutes have passed is already a miss.
 */
class MitigationTargetTests {

	private static final Duration TARGET = Duration.ofMinutes(30);

	private static final Instant IMPACT = Instant.parse("2026-11-03T10:00:00Z");

	private static IncidentFacts mitigatedAfter(Duration ttm) {
		return new IncidentFacts("S1", true, IMPACT, IMPACT.plusSeconds(60), IMPACT.plus(ttm), null, true);
	}

	private static IncidentFacts open() {
		return new IncidentFacts("S2", true, IMPACT, IMPACT.plusSeconds(60), null, null, true);
	}

	@Test
	void twentyNineMinutesFiftyNineSecondsIsAHitAndThirtyMinutesAMiss() {
		Instant later = IMPACT.plus(Duration.ofDays(3));
		assertThat(mitigatedAfter(Duration.ofSeconds(29 * 60 + 59)).mitigationOutcome(TARGET, later))
			.isEqualTo(MitigationOutcome.MET);
		assertThat(mitigatedAfter(Duration.ofMinutes(30)).mitigationOutcome(TARGET, later))
			.isEqualTo(MitigationOutcome.MISSED);
		assertThat(IncidentMetrics
			.of(List.of(mitigatedAfter(Duration.ofSeconds(29 * 60 + 59)), mitigatedAfter(Duration.ofMinutes(30))),
					TARGET, later)
			.pagingMitigatedWithinTarget()).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void resolvedWithoutAMitigationTimeCountsFromDeclaredAtToResolvedAtWhenThereIsNoImpactStart() {
		Instant declared = IMPACT;
		IncidentFacts quick = new IncidentFacts("S2", true, null, declared, null, declared.plus(Duration.ofMinutes(29)),
				true);
		IncidentFacts slow = new IncidentFacts("S2", true, null, declared, null, declared.plus(Duration.ofMinutes(30)),
				true);
		Instant later = declared.plus(Duration.ofDays(1));
		assertThat(quick.mitigationOutcome(TARGET, later)).isEqualTo(MitigationOutcome.MET);
		assertThat(slow.mitigationOutcome(TARGET, later)).isEqualTo(MitigationOutcome.MISSED);
	}

	@Test
	void anOpenS1OrS2IsUndecidedUnderThirtyMinutesAndAMissFromThenOn() {
		IncidentFacts open = open();
		assertThat(open.mitigationOutcome(TARGET, IMPACT.plus(Duration.ofMinutes(10))))
			.isEqualTo(MitigationOutcome.NOT_YET_KNOWN);
		assertThat(open.mitigationOutcome(TARGET, IMPACT.plus(Duration.ofSeconds(29 * 60 + 59))))
			.isEqualTo(MitigationOutcome.NOT_YET_KNOWN);
		assertThat(open.mitigationOutcome(TARGET, IMPACT.plus(TARGET))).isEqualTo(MitigationOutcome.MISSED);
		assertThat(open.mitigationOutcome(TARGET, IMPACT.plus(Duration.ofDays(2)))).isEqualTo(MitigationOutcome.MISSED);
	}

	@Test
	void theShareFollowsTheClockAcrossDaysAsAnOpenIncidentAgesAndIsThenMitigated() {
		IncidentFacts hit = mitigatedAfter(Duration.ofMinutes(12));
		// Ten minutes in: only the mitigated one is counted.
		assertThat(IncidentMetrics.of(List.of(hit, open()), TARGET, IMPACT.plus(Duration.ofMinutes(10)))
			.pagingMitigatedWithinTarget()).isEqualTo(1.0);
		// Half an hour in, and on each of the next days while it stays open: a miss.
		for (int day = 0; day < 4; day++) {
			Instant now = IMPACT.plus(TARGET).plus(Duration.ofDays(day));
			assertThat(IncidentMetrics.of(List.of(hit, open()), TARGET, now).pagingMitigatedWithinTarget())
				.isCloseTo(0.5, within(1e-12));
		}
		// Mitigated at last (after 3 days): still a miss, now with a time to mitigate, so
		// it enters MTTR too.
		IncidentFacts late = mitigatedAfter(Duration.ofDays(3));
		IncidentMetrics metrics = IncidentMetrics.of(List.of(hit, late), TARGET, IMPACT.plus(Duration.ofDays(4)));
		assertThat(metrics.pagingMitigatedWithinTarget()).isCloseTo(0.5, within(1e-12));
		assertThat(metrics.mttrMinutes()).isCloseTo((12 + 3 * 24 * 60) / 2.0, within(1e-9));
	}

	@Test
	void onlyOpenYoungS1OrS2LeavesTheShareEmptyAndS3OrS4NeverCount() {
		IncidentFacts s3 = new IncidentFacts("S3", false, IMPACT, IMPACT, IMPACT.plus(Duration.ofHours(5)), null, true);
		IncidentFacts s4Open = new IncidentFacts("S4", false, IMPACT, IMPACT, null, null, true);
		assertThat(IncidentMetrics.of(List.of(open(), s3, s4Open), TARGET, IMPACT.plus(Duration.ofMinutes(5)))
			.pagingMitigatedWithinTarget()).isNull();
		assertThat(IncidentMetrics.of(List.of(s3, s4Open), TARGET, IMPACT.plus(Duration.ofDays(5)))
			.pagingMitigatedWithinTarget()).isNull();
	}

}
