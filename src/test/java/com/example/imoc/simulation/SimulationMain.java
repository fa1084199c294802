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
			reports.add(report);
			Files.writeString(out, document(reports));
		}
		System.out.println("Written to " + out);
		System.exit(0);
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
						| the coordinator changes a setting (fairness window 90/120 d, horizon 6/8 weeks, undo 24/48 h) | 4 a year | `Rotations.updateSettings` |

						After each change the application would queue a repair for, the harness runs the `repair-schedules` job
						through Quartz at once (the application's own "a second later" trigger is held in a paused group, so the
						run is a deterministic sequence of states). When someone can no longer hold a shift inside the freeze
						window (the scheduler leaves those alone), the coordinator gives it to a colleague the rules allow
						through the swap API ("perform now"). People's first preferred slot is drawn in proportion to the slots'
						hours (6, 6, 4, 4, 4), with a zone whose working day it falls in, so the roster allows everyone to work in
						a preferred slot; 10 % are weekdays-only; 5 % of the first roster are still shadowing.

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
