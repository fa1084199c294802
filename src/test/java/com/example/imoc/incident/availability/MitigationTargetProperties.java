package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MitigationTargetProperties {

	private static final Duration TARGET = Duration.ofMinutes(30);

	private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

	/** Seconds after T0 for each time; -1 leaves it out. */
	record Draft(boolean paging, int impactSeconds, int declaredAfter, int mitigatedAfter, int resolvedAfter) {

		IncidentFacts facts() {
			Instant impact = this.impactSeconds < 0 ? null : T0.plusSeconds(this.impactSeconds);
			Instant declared = T0.plusSeconds(Math.max(0, this.impactSeconds) + this.declaredAfter);
			Instant mitigated = this.mitigatedAfter < 0 ? null : declared.plusSeconds(this.mitigatedAfter);
			Instant resolved = this.resolvedAfter < 0 ? null
					: (mitigated != null ? mitigated : declared).plusSeconds(this.resolvedAfter);
			return new IncidentFacts(this.paging ? "S2" : "S3", this.paging, impact, declared, mitigated, resolved,
					true);
		}

	}

	@Provide
	Arbitrary<List<Draft>> incidents() {
		Arbitrary<Integer> seconds = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(-1)),
				net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 7200)),
				net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1790, 1810)));
		return Combinators
			.combine(Arbitraries.of(true, false), Arbitraries.integers().between(-1, 3600),
					Arbitraries.integers().between(0, 1900), seconds, seconds)
			.as(Draft::new)
			.list()
			.ofMaxSize(10);
	}

	@Property(tries = 300)
	void theShareIsHitsOverMitigatedAndOverdueS1S2(@ForAll("incidents") List<Draft> drafts,
			@ForAll @IntRange(min = 0, max = 20_000) int nowSeconds) {
		Instant now = T0.plusSeconds(nowSeconds);
		int hits = 0;
		int counted = 0;
		for (Draft draft : drafts) {
			IncidentFacts facts = draft.facts();
			if (!facts.paging()) {
				continue;
			}
			Instant start = facts.impactStartedAt() != null ? facts.impactStartedAt() : facts.declaredAt();
			Instant end = facts.mitigatedAt() != null ? facts.mitigatedAt() : facts.resolvedAt();
			long seconds = (end != null ? end : now).getEpochSecond() - start.getEpochSecond();
			if (end != null || seconds >= 30 * 60) {
				counted++;
				if (end != null && seconds < 30 * 60) {
					hits++;
				}
			}
		}
		Double share = IncidentMetrics.of(drafts.stream().map(Draft::facts).toList(), TARGET, now)
			.pagingMitigatedWithinTarget();
		if (counted == 0) {
			assertThat(share).isNull();
		}
		else {
			assertThat(share).isCloseTo((double) hits / counted, within(1e-12));
		}
	}

	@Property(tries = 200)
	void anOutcomeOnceKnownNeverChangesAsTimePasses(@ForAll("incidents") List<Draft> drafts,
			@ForAll @IntRange(min = 0, max = 20_000) int earlier, @ForAll @IntRange(min = 0, max = 20_000) int gap) {
		for (Draft draft : drafts) {
			IncidentFacts facts = draft.facts();
			IncidentFacts.MitigationOutcome before = facts.mitigationOutcome(TARGET, T0.plusSeconds(earlier));
			IncidentFacts.MitigationOutcome after = facts.mitigationOutcome(TARGET, T0.plusSeconds(earlier + gap));
			if (before != IncidentFacts.MitigationOutcome.NOT_YET_KNOWN) {
				assertThat(after).isEqualTo(before);
			}
		}
	}

}
