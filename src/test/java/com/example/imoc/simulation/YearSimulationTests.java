package com.example.imoc.simulation;

import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import com.example.imoc.simulation.ScheduleSimulation.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short version of a year of daily operation (issue "The schedule over a year of
 * daily operation", item 1): the real IMOC rotation with 40 people for 21 simulated days
 * on one node, asserting the invariants after every day, and the first 5 of those days
 * again on two nodes taking turns, which must make the same schedule day by day. Sized to
 * stay within the build's budget on a shared two-core machine (a simulated day costs one
 * to two seconds there, most of it the application's own jobs); the full year at 80 and
 * 1,000 people is {@code scripts/simulate.sh} (docs/SIMULATION.md).
 *
 * <p>
 * For a longer local run: {@code -Dimoc.simulation.days=…},
 * {@code -Dimoc.simulation.people=…}, {@code -Dimoc.simulation.two-node-days=…},
 * {@code -Dimoc.simulation.seed=…}.
 */
class YearSimulationTests {

	static final Settings SHORT = new Settings(Long.getLong("imoc.simulation.seed", 20270104L),
			Integer.getInteger("imoc.simulation.people", 40), Integer.getInteger("imoc.simulation.days", 21), 1,
			Settings.DEFAULT_START);

	static final int TWO_NODE_DAYS = Math.min(SHORT.days(), Integer.getInteger("imoc.simulation.two-node-days", 5));

	@Test
	void aDayByDayRunKeepsEveryInvariantAndTwoNodesMakeTheSameSchedule() {
		SimulationReport oneNode = ScheduleSimulation.run(SHORT);
		// The same seed gives the same stream of days whatever the length, so the shorter
		// run is a prefix.
		SimulationReport twoNodes = ScheduleSimulation
			.run(new Settings(SHORT.seed(), SHORT.people(), TWO_NODE_DAYS, 2, SHORT.start()));
		System.out.println("One node:" + System.lineSeparator() + oneNode.summary(5));
		System.out.println("Two nodes:" + System.lineSeparator() + twoNodes.summary(5));

		// The run did what a year of operation does, so the invariants were tested
		// against something.
		assertThat(oneNode.actions()).as("actions of the run").containsKeys("time away", "sick day", "swap");
		assertThat(oneNode.actions().get("swap")[1]).as("swaps accepted").isPositive();
		assertThat(Stream.of("cover", "partial cover", "open cover")
			.mapToInt(kind -> oneNode.actions().getOrDefault(kind, new int[2])[1])
			.sum()).as("covers taken").isPositive();
		assertThat(oneNode.ownerChanges()).as("owner changes recorded").isNotEmpty();
		assertThat(twoNodes.jobsPerNode()).as("the jobs ran on both nodes, taking turns").doesNotContain(0);

		SoftAssertions softly = new SoftAssertions();
		for (char invariant : SimulationReport.INVARIANTS.toCharArray()) {
			softly.assertThat(oneNode.violations(invariant))
				.as(SimulationReport.invariantName(invariant) + System.lineSeparator() + oneNode.summary(5))
				.isEmpty();
		}
		softly.assertThat(oneNode.failures()).as("job failures").isEmpty();
		softly.assertThat(firstDifference(oneNode.dailyDigests().subList(0, TWO_NODE_DAYS), twoNodes.dailyDigests()))
			.as("(e) first day on which one node and two nodes had different schedules (-1: none)")
			.isEqualTo(-1);
		softly.assertThat(twoNodes.violations())
			.as("(a)-(d) on two nodes")
			.isEqualTo(oneNode.violations().stream().filter(v -> v.day() < TWO_NODE_DAYS).toList());
		softly.assertAll();
	}

	static int firstDifference(List<String> one, List<String> other) {
		for (int day = 0; day < Math.max(one.size(), other.size()); day++) {
			if (day >= one.size() || day >= other.size() || !one.get(day).equals(other.get(day))) {
				return day;
			}
		}
		return -1;
	}

}
