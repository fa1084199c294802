package com.example.imoc.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.example.imoc.simulation.ScheduleSimulation.Settings;

/**
 * The full simulation, for {@code scripts/simulate.sh}: runs a year (or {@code --days})
 * for each roster size in {@code --people} (default 80 and 1,000) and writes
 * docs/SIMULATION.md ({@code --out}) with the figures against the goals. Not a test: it
 * takes many minutes.
 *
 * <pre>
 * --people 80,1000   roster sizes, one run each
 * --days 365         simulated days
 * --seed 20270104    the random stream's seed
 * --nodes 1          application nodes (2: the nodes take turns, as in the CI test)
 * --out docs/SIMULATION.md
 * </pre>
 */
public final class SimulationMain {

	private SimulationMain() {
	}

	public static void main(String[] args) throws IOException {
		List<Integer> sizes = List.of(80, 1000);
		int days = 365;
		long seed = 20270104L;
		int nodes = 1;
		Path out = Path.of("docs/SIMULATION.md");
		for (int i = 0; i + 1 < args.length; i += 2) {
			String value = args[i + 1];
			switch (args[i]) {
				case "--people" ->
					sizes = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
				case "--days" -> days = Integer.parseInt(value);
				case "--seed" -> seed = Long.parseLong(value);
				case "--nodes" -> nodes = Integer.parseInt(value);
				case "--out" -> out = Path.of(value);
				default -> throw new IllegalArgumentException(
						"unknown option " + args[i] + " (use --people, --days, --seed, --nodes, --out)");
			}
		}
		System.setProperty("imoc.simulation.progress", "true");
		List<SimulationReport> reports = new ArrayList<>();
		for (int people : sizes) {
			SimulationReport report = ScheduleSimulation
				.run(new Settings(seed, people, days, nodes, Settings.DEFAULT_START));
			System.out.println(report.summary(5));
			String csv = System.getProperty("imoc.simulation.people-csv");
			if (csv != null) {
				Files.writeString(Path.of(csv.replace("{people}", String.valueOf(people))), peopleCsv(report));
			}
			String digests = System.getProperty("imoc.simulation.digests");
			if (digests != null) {
				// The schedule of every simulated day as a digest (names and times): two
				// versions of the code decide alike when these files are equal.
				Files.write(Path.of(digests.replace("{people}", String.valueOf(people))), report.dailyDigests());
			}
			reports.add(report);
			Files.writeString(out, document(reports));
		}
		System.out.println("Written to " + out);
		System.exit(0);
	}

	/**
	 * One line per person of the fairness figures (system property
	 * {@code imoc.simulation.people-csv}, a path where {@code {people}} stands for the
	 * roster size): to see who is far from the mean, and why.
	 */
	static String peopleCsv(SimulationReport report) {
		StringBuilder csv = new StringBuilder(
				"id,name,zone,preferred,hours,weekend,holiday,weighted,blocks,preferred_hours,request_hours,request_preferred_hours\n");
		for (YearFigures.PersonYear p : report.figures().people()) {
			csv.append(String.format(java.util.Locale.ROOT, "%d,%s,%s,%s,%.1f,%.1f,%.1f,%.1f,%d,%.1f,%.1f,%.1f%n",
					p.person().id, p.person().name, p.person().zone,
					String.join(" ", p.person().preferred.lastEntry().getValue()), p.hours(), p.weekendHours(),
					p.holidayHours(), p.weighted(), p.blocks(), p.preferredHours(), p.requestHours(),
					p.requestPreferredHours()));
		}
		return csv.toString();
	}

	static String document(List<SimulationReport> reports) {
		String nl = System.lineSeparator();
		StringBuilder md = new StringBuilder();
		md.append("# A year of operation, simulated").append(nl).append(nl);
		md.append(
				"""
						`scripts/simulate.sh` runs the real application (Spring context, embedded PostgreSQL, the seeded IMOC
						rotation with its real settings, `ScheduleMaintenance`, the Quartz jobs, time away, the roster and the
						swap API) through consecutive simulated days with a clock the harness moves, and writes this file. The
						harness is `src/test/java/com/example/imoc/simulation/`; the short version (40 people, 21 days on one
						node, the first 5 again on two nodes taking turns) is the test `YearSimulationTests`, part of
						`./mvnw verify`.

						```
						scripts/simulate.sh                         # a year at 80 and at 1,000 people (long: see the times below)
						scripts/simulate.sh --people 80 --days 120  # any size, any length
						scripts/simulate.sh --nodes 2               # the daily job and the day's requests alternate between two nodes
						```

						## What a day is

						At 01:15 UTC the `extend-schedules` job runs through Quartz (repair, then extend to the horizon). Then, at
						random times of the day (a seeded `java.util.Random`, so a seed gives the same run), what people do, each
						through the application's own services or its JSON API:

						| what | how often | through |
						|---|---|---|
						| time away (PTO), 1 to 14 days, entered 0 to 60 days ahead | 5.5 a person a year | `TimeAway.add` as the person |
						| conference, 2 to 4 days, 0 to 60 days ahead | 1 a person a year | `TimeAway.add` |
						| sick day(s) from today | 4 a person a year | `TimeAway.add` |
						| swap with a colleague's shift within two weeks | 150 a year per 80 people | `POST /api/v1/swaps`, accepted by the counterpart |
						| cover (whole), to a named colleague | 80 a year per 80 people | the swap API |
						| partial cover (whole hours inside a shift) | 50 a year per 80 people | the swap API |
						| open cover, taken later that day by whoever tries first | 80 a year per 80 people | the swap API |
						| someone joins (80 % new hires shadowing, some under 3 months' tenure; 20 % experienced) | 10 a year per 80 | `Roster.create`, `Rotations.join` |
						| shadowing finishes: shadow → reverse shadow (after 20–40 days) → live (after 7–21 more) | as due | `Roster.update` |
						| someone leaves (the company: deactivated; or the rotation: offboarded) | 8 a year per 80 | `Roster.deactivate` / `Roster.update` + `Rotations.leave` |
						| someone moves between "weekdays and weekends" and "weekdays-only" | 4 a year per 80 | `Roster.update`, `Rotations.join` |
						| someone changes their preferred slots | 12 a year per 80 | `Roster.update` |
						| the coordinator changes a setting (fairness window as seeded (365 d) and a month more, horizon 6/8 weeks, undo 24/48 h) | 4 a year | `Rotations.updateSettings` |

						After each change the application would queue a repair for, the harness runs at once what the
						`repair-schedules` job runs (`ScheduleMaintenance.repair` for every rotation) on the active node (the
						application's own "a second later" trigger is held in a paused group, so the run is a deterministic
						sequence of states). The daily extend always fires through Quartz; the repairs do with
						`-Dimoc.simulation.quartz-repairs=true` (SIM_JAVA_OPTS): at 1,000 people a year has about 12,000 of
						them, and a firing through the clustered JDBC store cost more than the repair. When someone can no
						longer hold a shift inside the freeze window (the scheduler leaves those alone), the coordinator gives
						it to a colleague the rules allow through the swap API ("perform now"). People's first preferred slot is
						drawn in proportion to the slots' hours (6, 6, 4, 4, 4), with a zone whose working day it falls in, so
						the roster allows everyone to work in a preferred slot; 10 % are weekdays-only; 5 % of the first roster
						are still shadowing.

						Whom people ask: for a cover, a partial cover, an open cover and the coordinator's cover, colleagues
						whose preferred slots include the shift's slot come first (in random order), then everyone else; a swap
						looks first for a shift in a slot the asker prefers whose holder prefers the asker's slot, then for any
						shift in a slot the asker prefers, then for the rest. People trade dates within their own working hours.
						Until the run of 2026-11-29 22:50 they asked colleagues at random, which put their swaps and covers (a
						fifth to a quarter of the hours) mostly in slots those colleagues had not chosen.

						## What is checked after every day

						Every step's effect is read back from the `shift` table with SQL and recorded with its cause. At 23:59:

						- **(a)** every (block, slot) (blocks of `blockDays` on the rotation's anchor grid) is held by one person,
						  unless a recorded event split it: a swap, a cover, an open cover, the coordinator's cover, a repair after
						  someone's time away / leaving / layer move / onboarding, or a coverage gap. Rows the daily job created or
						  moved on its own explain nothing.
						- **(b)** no hard rule is broken by any live shift not over at the previous check, judged by the person's
						  state when the shift starts: active, eligible on the shift's date (tenure), live (not in training) for a
						  primary shift, in the rotation, in a layer that covers the weekday, not away (a shift already running when
						  the time away was entered is exempt: it cannot be handed over any more), no overlap, the rotation's
						  minimum rest between shifts (the parts of one partly covered shift count as one).
						- **(c)** no hole: every instant of every slot from the last check to the horizon the daily job planned
						  (`[yesterday, today + horizon)`) is a live shift or a recorded gap.
						- **(d)** past shifts are never rewritten: shifts over at the previous check keep owner, times and state;
						  shifts started by then keep owner, start and state (one aggregate a day; the rows are read only to name
						  a difference).
						- **(e)** the same run on two nodes makes the same schedule: the CI test compares the daily schedule
						  digests (names and times, no ids or timestamps) and the final schedule of a one-node and a two-node run.

						Fairness is computed over the people active the whole period (in the rotation, live, from the first day to
						the last), with `schedule.planning.FairnessFigures`. Weighted hours count weekend and holiday hours 1.5 times,
						as the assigner weighs them; both come from the application's one definition (`people.WorkCalendar`):
						Saturday and Sunday in the person's own zone, and the public holidays of their region as seeded (a
						holiday on a weekend counts once, as weekend). Churn counts owner changes less than 14 days before the shift starts, by cause; the goal is
						none from the scheduler itself.

						The report also gives the figures over the rows **the scheduler assigned** (the daily extend and the
						repairs; a row whose last owner change was a swap, cover, open cover or the coordinator's cover
						counts for nobody there), and, for preferred slots, **the most the roster allows**: a maximum flow
						from the people active the whole period (each holding exactly their mean hours) through their
						preferred slots to the slots (each with the hours those people held in it). A preferred share above
						that bound is only possible with uneven loads.

						## The goals against the arithmetic

						Every goal for 80 people is met except balance, on two seeds (20270104 below, and 777): split blocks,
						hard rules, holes, past shifts and scheduler churn at 0; Gini 0.036 and 0.042; nobody above 1.25 × the
						mean (max/mean 1.148 and 1.204); 92.3 % and 96.5 % of hours in preferred slots. Balance is 0.931 and
						0.921, against a bound of about 0.94 that no whole-block planner passes over a year cut out of a running
						rotation with 4-day blocks (point 3).

						- **What changed this round (2026-11-30): the score remembers a year.** The fairness window is a
						  rotation setting; its default was 90 days and is 365 since V24 (existing rotations still on 90 move
						  with it). With 80 people each holds a 4-day block about every five weeks, so a 90-day window saw two
						  or three of a person's blocks: a difference older than a quarter (a run of colleagues' covers taken,
						  sick weeks) was forgotten and a year added up four windows' remainders. A year-long window would make
						  a newcomer catch up a year of others' load, so someone who joined inside the window is now credited
						  for the part before they joined at the rate the members carried it (`rotation_participant.joined_at`,
						  `schedule.planning.JoinCredit`; people who joined together get nothing over each other): the
						  newcomer takes their share of the blocks that follow (`ScheduleOverManyDaysTests`: 5 of the 16
						  blocks after joining without the credit, against one or two for each member). Same seeds, before →
						  after: Gini 0.063 → 0.036 (seed 777: 0.052 → 0.042), max/mean 1.276 → 1.148 (1.237 → 1.204),
						  balance 0.882 → 0.931 (0.902 → 0.921), preferred 90.9 % → 92.3 % (92.5 % → 96.5 %). The window
						  alone (365 days, no credit) gave 1.202 and 1.413 for max/mean: a newcomer catching up left the members
						  less to even out with.
						- **The score** (previous round): `FairnessLoad`'s weighted hours alone (weekend and holiday hours in
						  the person's own zone and region weighing 1.5, as `people.WorkCalendar` defines them), whatever the
						  number of shifts; a preference yields once someone is more than half the block's own hours behind
						  (12 h for a 6-hour slot's 4-day block, 8 h for a 4-hour one; someone with no preference stands
						  halfway); the weekend-free credit is half the block's hours; blocks stay whole. Tests:
						  `HourFairnessTests`, `WeekendFreeCreditTests`, `AssignerTests`.
						- **Balance ≥ 0.95: not reachable with whole 4-day blocks and a year cut out of a running rotation.**
						  1. *The cut (arithmetic).* Whoever takes a block jumps by that block's weighted hours at once,
						     wherever they stood; the assigner already hands each period's 6-hour blocks out first, to the
						     lowest. Between two of their blocks a person's lead over the rising floor runs down from the block
						     they took to zero, so at a date that cuts the running rotation each person's lead is spread evenly
						     over a block: 27.4 weighted hours for a 6-hour slot's block (24 h plus the average weekend share),
						     18.3 for a 4-hour one. With each of this run's people at the mean plus a lead drawn evenly over the
						     block of their first-choice slot, balance is **0.943** (seed 777: 0.941; Monte Carlo, 300 cuts). So
						     a perfect whole-block planner measured over a year that cuts the rotation is at about 0.94, before
						     time away, joiners, leavers and people's requests; the run is 0.012 and 0.020 below that.
						  2. *What is left* is what the scheduler does not decide and makes up only in later blocks: people's
						     swaps and covers (1,740 of 7,586 hours in this run), time away and sick days, and the preference
						     allowance (a smaller one trades the preferred-slot goal for little balance: 0.887 instead of 0.882
						     at a quarter of a block, previous round).

						  What would close it: (1) is the rotation's 4-day blocks against a year cut anywhere: 2-day blocks
						  halve the leads (about 0.97), and a longer measured period shrinks them in proportion; neither is the
						  scheduler's choice (the block length is the rotation's setting from DOMAIN.md, the year is the issue's
						  period).

						## Results
						""")
			.append(nl);
		md.append("Written by `scripts/simulate.sh` on ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append(" (2 shared cores).")
			.append(nl)
			.append(nl);
		for (SimulationReport report : reports) {
			md.append(report.markdown(8));
		}
		return md.toString();
	}

}
