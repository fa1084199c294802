package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class AvailabilityMathsProperties {

	private static final YearMonth MONTH = YearMonth.of(2026, 2);

	private static final Instant FROM = AvailabilityMaths.startOf(MONTH);

	private static final Instant TO = AvailabilityMaths.startOf(MONTH.plusMonths(1));

	private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

	@Provide
	Arbitrary<List<Impact>> impacts() {
		Arbitrary<Impact> one = Combinators
			.combine(Arbitraries.integers().between(-2000, 45_000), Arbitraries.integers().between(1, 3000),
					Arbitraries.of(1.0, 0.5, 0.25, 0.1))
			.as((start, length, fraction) -> new Impact("web", FROM.plus(Duration.ofMinutes(start)),
					FROM.plus(Duration.ofMinutes(start + length)), fraction));
		return one.list().ofMaxSize(12);
	}

	@Property(tries = 200)
	void impactedMinutesStayWithinTheMonthAndNeverExceedTheSumOfTheParts(@ForAll("impacts") List<Impact> impacts) {
		double minutes = AvailabilityMaths.impactedMinutes(impacts, FROM, TO, LATER);
		double sum = impacts.stream()
			.mapToDouble(i -> i.fraction() * Math.max(0,
					Duration.between(i.start().isBefore(FROM) ? FROM : i.start(), i.end().isAfter(TO) ? TO : i.end())
						.toMinutes()))
			.sum();
		assertThat(minutes).isBetween(0.0, AvailabilityMaths.minutesIn(MONTH) + 1e-6);
		assertThat(minutes).isLessThanOrEqualTo(sum + 1e-6);
	}

	@Property(tries = 200)
	void aDuplicateIncidentChangesNothing(@ForAll("impacts") List<Impact> impacts) {
		List<Impact> twice = new ArrayList<>(impacts);
		twice.addAll(impacts);
		assertThat(AvailabilityMaths.impactedMinutes(twice, FROM, TO, LATER))
			.isCloseTo(AvailabilityMaths.impactedMinutes(impacts, FROM, TO, LATER), offset(1e-6));
	}

	@Property(tries = 100)
	void thePlatformLiesBetweenItsBestAndWorstWeightedService(@ForAll("impacts") List<Impact> web,
			@ForAll("impacts") List<Impact> apiAsWeb) {
		List<Impact> all = new ArrayList<>(web);
		apiAsWeb.forEach(i -> all.add(new Impact("api", i.start(), i.end(), i.fraction())));
		MonthFigures figures = AvailabilityMaths.month(MONTH, Map.of("web", 5.0, "api", 1.0, "pages", 0.0), all, 0.9995,
				LATER);
		double lowest = figures.services()
			.stream()
			.filter(s -> s.weight() > 0)
			.mapToDouble(MonthFigures.ServiceFigure::availability)
			.min()
			.orElseThrow();
		double highest = figures.services()
			.stream()
			.filter(s -> s.weight() > 0)
			.mapToDouble(MonthFigures.ServiceFigure::availability)
			.max()
			.orElseThrow();
		assertThat(figures.platform()).isBetween(lowest - 1e-12, highest + 1e-12);
		assertThat(figures.burn()).hasSize(MONTH.lengthOfMonth());
		for (int day = 1; day < figures.burn().size(); day++) {
			assertThat(figures.burn().get(day)).isLessThanOrEqualTo(figures.burn().get(day - 1) + 1e-9);
		}
		assertThat(figures.burn().get(figures.burn().size() - 1)).isCloseTo(figures.errorBudgetLeftMinutes(),
				offset(1e-6));
	}

}
