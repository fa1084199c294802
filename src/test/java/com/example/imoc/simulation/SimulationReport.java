package com.example.imoc.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.example.imoc.schedule.planning.FairnessFigures;
import com.example.imoc.simulation.Invariants.Violation;
import com.example.imoc.simulation.ScheduleSimulation.OwnerChange;
import com.example.imoc.simulation.ScheduleSimulation.Settings;

/**
 * What one simulation run found: the invariants' violations (each once, on the day first
 * seen), what people did, the owner changes with their causes, the fairness figures, and
 * one digest of the schedule per day (to compare runs).
 */
record SimulationReport(Settings settings, Duration elapsed, List<Violation> violations, Map<String, int[]> actions,
		List<OwnerChange> ownerChanges, YearFigures figures, List<String> dailyDigests, int[] jobsPerNode,
		List<String> failures, int peopleEver, Map<String, Duration> timings) {

	static final String INVARIANTS = "abcd";

	static String invariantName(char invariant) {
		return switch (invariant) {
			case 'a' -> "(a) (block, slot) split with no recorded event";
			case 'b' -> "(b) hard rule broken";
			case 'c' -> "(c) hole in a slot";
			case 'd' -> "(d) past shift rewritten";
			default -> "(" + invariant + ")";
		};
	}

	List<Violation> violations(char invariant) {
		return this.violations.stream().filter(v -> v.invariant() == invariant).toList();
	}

	/**
	 * Owner changes less than {@link ScheduleSimulation#CHURN_LEAD} before the shift, by
	 * cause.
	 */
	Map<Cause.Kind, Integer> churn() {
		Map<Cause.Kind, Integer> churn = new EnumMap<>(Cause.Kind.class);
		for (OwnerChange change : this.ownerChanges) {
			if (change.lead().compareTo(ScheduleSimulation.CHURN_LEAD) < 0) {
				churn.merge(change.cause().kind(), 1, Integer::sum);
			}
		}
		return churn;
	}

	int schedulerChurn() {
		return churn().entrySet()
			.stream()
			.filter(e -> e.getKey().source() == Cause.Kind.Source.SCHEDULER)
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	List<OwnerChange> schedulerChurnExamples(int limit) {
		return this.ownerChanges.stream()
			.filter(c -> c.cause().kind().source() == Cause.Kind.Source.SCHEDULER
					&& c.lead().compareTo(ScheduleSimulation.CHURN_LEAD) < 0)
			.limit(limit)
			.toList();
	}

	/**
	 * A few lines for a test failure or the console: counts and the first examples of
	 * each invariant.
	 */
	String summary(int examples) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%d days, %d people (%d ever), %d node(s), seed %d, %s%n",
				this.settings.days(), this.settings.people(), this.peopleEver, this.settings.nodes(),
				this.settings.seed(), this.elapsed.withNanos(0)));
		text.append("time spent: ").append(this.timings).append(System.lineSeparator());
		for (char invariant : INVARIANTS.toCharArray()) {
			List<Violation> found = violations(invariant);
			text.append(invariantName(invariant)).append(": ").append(found.size()).append(System.lineSeparator());
			found.stream().limit(examples).forEach(v -> text.append("    ").append(v).append(System.lineSeparator()));
		}
		text.append("scheduler churn (< 14 days): ").append(schedulerChurn()).append(System.lineSeparator());
		schedulerChurnExamples(examples)
			.forEach(c -> text.append("    ").append(describe(c)).append(System.lineSeparator()));
		if (!this.failures.isEmpty()) {
			text.append("job failures: ").append(this.failures.size()).append(System.lineSeparator());
			this.failures.stream()
				.limit(examples)
				.forEach(f -> text.append("    ").append(f).append(System.lineSeparator()));
		}
		return text.toString();
	}

	private String describe(OwnerChange change) {
		return "shift #" + change.shiftId() + " " + change.date() + " " + change.slot() + ": " + name(change.from())
				+ " → " + name(change.to()) + ", " + change.lead().toHours() + " h before it starts, " + change.cause();
	}

	private String name(Long personId) {
		return personId == null ? "nobody (gap)" : "person #" + personId;
	}

	/**
	 * The goals of the issue for the 80-person year, each with this run's figure and
	 * whether it is met.
	 */
	List<String[]> goals() {
		FairnessFigures weighted = this.figures.weighted();
		List<String[]> rows = new ArrayList<>();
		rows.add(goal("split blocks without a recorded cause", "0", String.valueOf(violations('a').size()),
				violations('a').isEmpty()));
		rows.add(goal("hard-rule violations", "0", String.valueOf(violations('b').size()), violations('b').isEmpty()));
		rows.add(goal("holes", "0", String.valueOf(violations('c').size()), violations('c').isEmpty()));
		rows.add(goal("past shifts rewritten", "0", String.valueOf(violations('d').size()), violations('d').isEmpty()));
		rows.add(goal("Gini of weighted hours", "≤ 0.10", format(weighted.gini()), weighted.gini() <= 0.10));
		rows.add(goal("people above 1.25 × the mean (weighted hours)", "0",
				weighted.outliers().size() + " (max/mean " + format(weighted.maxOverMean()) + ")",
				weighted.outliers().isEmpty()));
		rows.add(goal("balance (Grafana OnCall)", "≥ 0.95", format(weighted.balance()), weighted.balance() >= 0.95));
		rows.add(goal("hours in preferred slots", "≥ 90 %", percent(this.figures.preferredShare()),
				this.figures.preferredShare() >= 0.90));
		rows.add(goal("churn caused by the scheduler (< 14 days before the shift)", "0",
				String.valueOf(schedulerChurn()), schedulerChurn() == 0));
		return rows;
	}

	private static String[] goal(String what, String target, String actual, boolean met) {
		return new String[] { what, target, actual, met ? "met" : "**not met**" };
	}

	static String format(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

	static String percent(double share) {
		return String.format(Locale.ROOT, "%.1f %%", 100 * share);
	}

	/** This run as a section of docs/SIMULATION.md. */
	String markdown(int examples) {
		StringBuilder md = new StringBuilder();
		String nl = System.lineSeparator();
		md.append("### ")
			.append(this.settings.people())
			.append(" people, ")
			.append(this.settings.days())
			.append(" days")
			.append(nl)
			.append(nl);
		md.append(String.format(Locale.ROOT,
				"Seed %d, from %s, %d node(s); %d people in the roster over the run, %d active the whole period; "
						+ "took %s.%n%n",
				this.settings.seed(), this.settings.start(), this.settings.nodes(), this.peopleEver,
				this.figures.people().size(),
				this.elapsed.withNanos(0).toString().substring(2).toLowerCase(Locale.ROOT)));
		md.append("| goal | target | this run | |").append(nl).append("|---|---|---|---|").append(nl);
		for (String[] row : goals()) {
			md.append("| ").append(String.join(" | ", row)).append(" |").append(nl);
		}
		md.append(nl).append("Fairness over the people active the whole period:").append(nl).append(nl);
		md.append("| figure | weighted hours | on-call hours | weekend hours | weighted hours the scheduler assigned |")
			.append(nl)
			.append("|---|---|---|---|---|")
			.append(nl);
		FairnessFigures w = this.figures.weighted();
		FairnessFigures h = this.figures.hours();
		FairnessFigures we = this.figures.weekendHours();
		FairnessFigures s = this.figures.schedulerWeighted();
		md.append(row("mean per person", w.mean(), h.mean(), we.mean(), s.mean()));
		md.append(row("max per person", w.max(), h.max(), we.max(), s.max()));
		md.append(row("Gini", w.gini(), h.gini(), we.gini(), s.gini()));
		md.append(row("balance (mean over pairs of min/max)", w.balance(), h.balance(), we.balance(), s.balance()));
		md.append(row("equity (100 − 100·sd/mean)", w.equity(), h.equity(), we.equity(), s.equity()));
		md.append(row("max / mean", w.maxOverMean(), h.maxOverMean(), we.maxOverMean(), s.maxOverMean()));
		md.append(String.format(Locale.ROOT, "| people above 1.25 × mean | %d | %d | %d | %d |%n", w.outliers().size(),
				h.outliers().size(), we.outliers().size(), s.outliers().size()));
		md.append(nl);
		md.append(String.format(Locale.ROOT,
				"Blocks per person: min %d, mean %.1f, max %d. Hours in preferred slots: %s (over the rows the "
						+ "scheduler assigned, leaving out people's swaps and covers: %s; the most the roster allows "
						+ "with everyone holding the mean hours, a maximum flow from people through their preferences "
						+ "to the slots' hours: %s). Hours people took through swaps and covers: %.0f of %.0f. "
						+ "Holiday hours: %.0f. Coverage gaps: %.0f of %.0f slot hours.%n%n",
				this.figures.blocksMin(), this.figures.blocksMean(), this.figures.blocksMax(),
				percent(this.figures.preferredShare()), percent(this.figures.schedulerPreferredShare()),
				percent(this.figures.preferredShareBound()),
				this.figures.people().stream().mapToDouble(YearFigures.PersonYear::requestHours).sum(),
				this.figures.people().stream().mapToDouble(YearFigures.PersonYear::hours).sum(),
				this.figures.holidayHoursTotal(), this.figures.gapHours(), this.figures.totalHours()));
		md.append("Owner changes by cause (all, and churn: less than 14 days before the shift):").append(nl).append(nl);
		md.append("| cause | source | changes | churn |").append(nl).append("|---|---|---|---|").append(nl);
		Map<Cause.Kind, Integer> all = new EnumMap<>(Cause.Kind.class);
		this.ownerChanges.forEach(c -> all.merge(c.cause().kind(), 1, Integer::sum));
		Map<Cause.Kind, Integer> churn = churn();
		all.forEach((kind, count) -> md.append("| ")
			.append(kind.label())
			.append(" | ")
			.append(kind.source().name().toLowerCase(Locale.ROOT).replace('_', ' '))
			.append(" | ")
			.append(count)
			.append(" | ")
			.append(churn.getOrDefault(kind, 0))
			.append(" |")
			.append(nl));
		md.append(nl).append("What people did (done / tried):").append(nl).append(nl);
		md.append(new TreeMap<>(this.actions).entrySet()
			.stream()
			.map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0])
			.collect(Collectors.joining(", "))).append(".").append(nl).append(nl);
		md.append("Invariants, first examples:").append(nl).append(nl);
		for (char invariant : INVARIANTS.toCharArray()) {
			List<Violation> found = violations(invariant);
			md.append("- ")
				.append(invariantName(invariant))
				.append(": **")
				.append(found.size())
				.append("**")
				.append(nl);
			found.stream().limit(examples).forEach(v -> md.append("  - ").append(escape(v.toString())).append(nl));
		}
		List<OwnerChange> schedulerChurn = schedulerChurnExamples(examples);
		md.append("- scheduler churn: **").append(schedulerChurn()).append("**").append(nl);
		schedulerChurn.forEach(c -> md.append("  - ").append(escape(describe(c))).append(nl));
		if (!this.failures.isEmpty()) {
			md.append("- job failures: **").append(this.failures.size()).append("**").append(nl);
			this.failures.stream().limit(examples).forEach(f -> md.append("  - ").append(escape(f)).append(nl));
		}
		md.append(nl);
		return md.toString();
	}

	private static String row(String name, double weighted, double hours, double weekend, double scheduler) {
		return String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", name, weighted, hours, weekend,
				scheduler);
	}

	private static String escape(String text) {
		return text.replace("|", "\\|").replace("<", "&lt;");
	}

}
