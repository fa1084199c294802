package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AvailabilityMathsTests {

	private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

	private static final double GOAL = 0.9995;

	private static Impact impact(String service, String from, String to, double fraction) {
		return new Impact(service, Instant.parse(from), to == null ? null : Instant.parse(to), fraction);
	}

	private static Map<String, Double> weights(Object... pairs) {
		Map<String, Double> weights = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			weights.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
		}
		return weights;
	}

	@Test
	void monthsOf28_30And31DaysHaveTheirOwnMinutesAndBudget() {
		assertThat(AvailabilityMaths.minutesIn(YearMonth.of(2026, 2))).isEqualTo(40_320);
		assertThat(AvailabilityMaths.minutesIn(YearMonth.of(2026, 11))).isEqualTo(43_200);
		assertThat(AvailabilityMaths.minutesIn(YearMonth.of(2026, 10))).isEqualTo(44_640);
		// 0.05 % of 28 days is about 20 minutes (DOMAIN.md): 20.16.
		MonthFigures february = AvailabilityMaths.month(YearMonth.of(2026, 2), weights("web", 5), List.of(), GOAL,
				LATER);
		assertThat(february.errorBudgetMinutes()).isCloseTo(20.16, within(1e-9));
		assertThat(february.burn()).hasSize(28).allSatisfy(left -> assertThat(left).isCloseTo(20.16, within(1e-9)));
		MonthFigures november = AvailabilityMaths.month(YearMonth.of(2026, 11), weights("web", 5), List.of(), GOAL,
				LATER);
		assertThat(november.errorBudgetMinutes()).isCloseTo(21.6, within(1e-9));
		assertThat(november.burn()).hasSize(30);
		MonthFigures october = AvailabilityMaths.month(YearMonth.of(2026, 10), weights("web", 5), List.of(), GOAL,
				LATER);
		assertThat(october.errorBudgetMinutes()).isCloseTo(22.32, within(1e-9));
		assertThat(october.platform()).isEqualTo(1.0);
	}

	@Test
	void overlappingIncidentsOnOneServiceCountEachMinuteOnce() {
		// 10:00–10:30 and 10:20–10:50 on web: 50 minutes, not 60.
		List<Impact> impacts = List.of(impact("web", "2026-11-03T10:00:00Z", "2026-11-03T10:30:00Z", 1),
				impact("web", "2026-11-03T10:20:00Z", "2026-11-03T10:50:00Z", 1));
		MonthFigures figures = AvailabilityMaths.month(YearMonth.of(2026, 11), weights("web", 5), impacts, GOAL, LATER);
		assertThat(figures.services().get(0).impactedMinutes()).isCloseTo(50, within(1e-9));
		assertThat(figures.services().get(0).availability()).isCloseTo(1 - 50.0 / 43_200, within(1e-12));
		assertThat(figures.errorBudgetLeftMinutes()).isCloseTo(21.6 - 50, within(1e-9));
	}

	@Test
	void degradedImpactCountsByItsFractionAndOverlapsTakeTheLargest() {
		// web: 0.5 from 10:00 to 11:00, full outage 10:30–10:40 inside it: 30×0.5 + 10×1
		// + 20×0.5 = 35.
		List<Impact> impacts = List.of(impact("web", "2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z", 0.5),
				impact("web", "2026-11-03T10:30:00Z", "2026-11-03T10:40:00Z", 1));
		double minutes = AvailabilityMaths.impactedMinutes(impacts, Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-12-01T00:00:00Z"), LATER);
		assertThat(minutes).isCloseTo(35, within(1e-9));
		// A quarter degraded for 40 minutes costs 10.
		assertThat(AvailabilityMaths.impactedMinutes(
				List.of(impact("api", "2026-11-03T10:00:00Z", "2026-11-03T10:40:00Z", 0.25)),
				Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), LATER))
			.isCloseTo(10, within(1e-9));
	}

	@Test
	void thePlatformIsTheWeightedMeanAndWeightZeroStaysOut() {
		// web 5 down 60 min, registry 1 down 120 min, sidekiq 0 down all day: (5×60 +
		// 1×120) / 6 = 70.
		List<Impact> impacts = List.of(impact("web", "2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z", 1),
				impact("registry", "2026-11-04T10:00:00Z", "2026-11-04T12:00:00Z", 1),
				impact("sidekiq", "2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z", 1));
		MonthFigures figures = AvailabilityMaths.month(YearMonth.of(2026, 11),
				weights("web", 5, "registry", 1, "sidekiq", 0), impacts, GOAL, LATER);
		assertThat(figures.platformImpactedMinutes()).isCloseTo(70, within(1e-9));
		assertThat(figures.platform()).isCloseTo(1 - 70.0 / 43_200, within(1e-12));
		assertThat(figures.services()).filteredOn(s -> s.name().equals("sidekiq"))
			.singleElement()
			.satisfies(s -> assertThat(s.impactedMinutes()).isCloseTo(1440, within(1e-9)));
	}

	@Test
	void anIncidentSpanningTwoMonthsIsSplitAtMidnightUtc() {
		// 30 Nov 23:30 to 1 Dec 00:45 on web: 30 minutes in November, 45 in December.
		List<Impact> impacts = List.of(impact("web", "2026-11-30T23:30:00Z", "2026-12-01T00:45:00Z", 1));
		MonthFigures november = AvailabilityMaths.month(YearMonth.of(2026, 11), weights("web", 1), impacts, GOAL,
				LATER);
		MonthFigures december = AvailabilityMaths.month(YearMonth.of(2026, 12), weights("web", 1), impacts, GOAL,
				LATER);
		assertThat(november.platformImpactedMinutes()).isCloseTo(30, within(1e-9));
		assertThat(december.platformImpactedMinutes()).isCloseTo(45, within(1e-9));
		assertThat(november.burn().get(28)).isCloseTo(21.6, within(1e-9));
		assertThat(november.burn().get(29)).isCloseTo(21.6 - 30, within(1e-9));
		assertThat(december.burn().get(0)).isCloseTo(22.32 - 45, within(1e-9));
	}

	@Test
	void anImpactStillGoingOnRunsUntilNowAndTheBurnStopsToday() {
		Instant now = Instant.parse("2026-11-10T12:00:00Z");
		List<Impact> impacts = List.of(impact("web", "2026-11-10T11:00:00Z", null, 1));
		MonthFigures figures = AvailabilityMaths.month(YearMonth.of(2026, 11), weights("web", 1), impacts, GOAL, now);
		assertThat(figures.platformImpactedMinutes()).isCloseTo(60, within(1e-9));
		assertThat(figures.burn()).hasSize(10);
		assertThat(figures.burn().get(9)).isCloseTo(21.6 - 60, within(1e-9));
	}

	@Test
	void metricsCountBySeverityMttrAndTheShareWithinThirtyMinutes() {
		Instant t = Instant.parse("2026-11-03T10:00:00Z");
		List<IncidentFacts> incidents = List.of(
				// S1: impact start 10:00 → mitigated 10:20 = 20 min (within), detected
				// internally.
				new IncidentFacts("S1", true, t, t.plusSeconds(300), t.plus(Duration.ofMinutes(20)), null, true),
				// S2: no impact start, declared 10:00 → no mitigation, resolved 10:45 =
				// 45 min (missed).
				new IncidentFacts("S2", true, null, t, null, t.plus(Duration.ofMinutes(45)), false),
				// S2: exactly 30 minutes is not under 30 (missed).
				new IncidentFacts("S2", true, t, t, t.plus(Duration.ofMinutes(30)), null, true),
				// S3: 10 min, not paging.
				new IncidentFacts("S3", false, null, t, t.plus(Duration.ofMinutes(10)), null, true),
				// S4 still open: left out of MTTR.
				new IncidentFacts("S4", false, null, t, null, null, true));
		IncidentMetrics metrics = IncidentMetrics.of(incidents, Duration.ofMinutes(30), LATER);
		assertThat(metrics.countBySeverity()).containsEntry("S1", 1L)
			.containsEntry("S2", 2L)
			.containsEntry("S3", 1L)
			.containsEntry("S4", 1L);
		assertThat(metrics.mttrMinutes()).isCloseTo((20 + 45 + 30 + 10) / 4.0, within(1e-9));
		assertThat(metrics.pagingMitigatedWithinTarget()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(metrics.detectedInternally()).isCloseTo(4.0 / 5, within(1e-9));
		assertThat(IncidentMetrics.of(List.of(), Duration.ofMinutes(30), LATER).mttrMinutes()).isNull();
	}

}
