import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.planning.Assigner;
import com.example.imoc.schedule.planning.Candidate;
import com.example.imoc.schedule.planning.Layer;
import com.example.imoc.schedule.planning.PlannedShift;
import com.example.imoc.schedule.planning.RotationRules;
import com.example.imoc.schedule.planning.Slot;
import com.example.imoc.schedule.planning.TimeRange;

/**
 * Schedule-generation benchmark (issue 3, item 9). Not a test: run it with {@code bench/run-assigner.sh}.
 *
 * <ul>
 * <li>(a) the plain-Java assigner alone, 12 months of the IMOC rotation, median after warm-up;</li>
 * <li>(b) generation + persistence through {@link ScheduleMaintenance#maintain(long)} inside the real Spring Boot
 * context on the embedded PostgreSQL;</li>
 * <li>(c) a bare JDBC batch insert (500 a batch, one transaction, same pool) of exactly the rows (b) wrote;</li>
 * <li>(d) how (a) grows with roster size and months (log-log slopes).</li>
 * </ul>
 *
 * Options (or environment): {@code --people 79,1000} ({@code BENCH_PEOPLE}), {@code --runs 5} ({@code BENCH_RUNS}),
 * {@code --db-runs 5} ({@code BENCH_DB_RUNS}), {@code --no-db}, {@code --no-scaling}, {@code --out FILE}.
 */
public class AssignerBench {

	// The seeded IMOC rotation (migrations/V6__seed_imoc_rotation.sql), as ScheduleMaintenance.rules() builds it.
	static final List<Slot> SLOTS = List.of(slot("23:00", "05:00"), slot("05:00", "11:00"), slot("11:00", "15:00"),
			slot("15:00", "19:00"), slot("19:00", "23:00"));

	static final String ALL_DAYS = "weekdays and weekends";

	static final String WEEKDAYS_ONLY = "weekdays-only";

	static final RotationRules RULES = new RotationRules(ZoneOffset.UTC, SLOTS, 4, LocalDate.parse("2026-01-05"),
			List.of(new Layer(ALL_DAYS, EnumSet.allOf(DayOfWeek.class), 0),
					new Layer(WEEKDAYS_ONLY, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 1)),
			Duration.ofMinutes(8 * 60), Duration.ofDays(90));

	static final String INSERT_SHIFT = """
			insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
			                   reason, created_at, updated_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	static Slot slot(String start, String end) {
		return new Slot(start + "-" + end, LocalTime.parse(start), LocalTime.parse(end));
	}

	/** One synthetic participant; the same spec feeds (a) as a Candidate and (b) as database rows. */
	record Member(int index, String name, boolean weekdaysOnly, boolean shadow, String region, String zone,
			List<String> preferred, List<TimeRange> pto) {

		String layer() {
			return this.weekdaysOnly ? WEEKDAYS_ONLY : ALL_DAYS;
		}

		Candidate candidate(long personId) {
			return new Candidate(personId, this.name, layer(), Set.copyOf(this.preferred),
					this.shadow ? Candidate.Role.SHADOW : Candidate.Role.IM, this.pto, Duration.ZERO, Duration.ZERO,
					true);
		}
	}

	/**
	 * Deterministic roster: 10% weekdays-only, 5% shadows, regions AMER/EMEA/APAC 2:2:1 with their daytime UTC slots
	 * as preferences, and two PTO ranges of 5–14 days each within the planned year.
	 */
	static List<Member> roster(int n, LocalDate from) {
		List<Member> members = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Random random = new Random(1_000_003L * i + 17);
			boolean weekdaysOnly = i % 10 == 3;
			boolean shadow = i % 20 == 7;
			String region;
			String zone;
			List<String> preferred;
			switch (i % 5) {
				case 0, 1 -> {
					region = "AMER";
					zone = "America/New_York";
					preferred = List.of("11:00-15:00", "15:00-19:00", "19:00-23:00");
				}
				case 2, 3 -> {
					region = "EMEA";
					zone = "Europe/Berlin";
					preferred = List.of("05:00-11:00", "11:00-15:00", "15:00-19:00");
				}
				default -> {
					region = "APAC";
					zone = "Asia/Singapore";
					preferred = List.of("23:00-05:00", "05:00-11:00");
				}
			}
			List<TimeRange> pto = new ArrayList<>();
			for (int k = 0; k < 2; k++) {
				LocalDate start = from.plusDays(random.nextInt(360));
				Instant s = start.atStartOfDay(ZoneOffset.UTC).toInstant();
				pto.add(new TimeRange(s, s.plus(Duration.ofDays(5 + random.nextInt(10)))));
			}
			members.add(new Member(i, "Bench Person " + i, weekdaysOnly, shadow, region, zone, preferred, pto));
		}
		return members;
	}

	static List<Candidate> candidates(List<Member> members) {
		return members.stream().map(m -> m.candidate(m.index() + 1L)).toList();
	}

	// ---------------------------------------------------------------- options

	static String opt(String[] args, String name, String env, String dflt) {
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals(name) && i + 1 < args.length) {
				return args[i + 1];
			}
			if (args[i].startsWith(name + "=")) {
				return args[i].substring(name.length() + 1);
			}
		}
		String fromEnv = System.getenv(env);
		return fromEnv == null || fromEnv.isBlank() ? dflt : fromEnv;
	}

	static boolean flag(String[] args, String name) {
		return Arrays.asList(args).contains(name);
	}

	// ---------------------------------------------------------------- timing helpers

	static double median(List<Double> xs) {
		double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
	}

	/** "median (min–max)" of a timing. */
	static String spread(Timing t) {
		double min = t.runsMs().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		double max = t.runsMs().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		return ms(t.medianMs()) + " (" + String.format(Locale.ROOT, "%.0f–%.0f", min, max) + ")";
	}

	static String ms(double millis) {
		return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis)
				: String.format(Locale.ROOT, "%.1f ms", millis);
	}

	record Timing(double medianMs, List<Double> runsMs, int rows) {
	}

	/**
	 * At least {@code warmups} untimed calls (and, when {@code warmupMillis} is positive, until that much time was
	 * spent warming up), then {@code runs} timed ones; returns the median.
	 */
	static Timing time(int warmups, long warmupMillis, int runs, Supplier<Integer> body) {
		int rows = 0;
		long warmupStart = System.nanoTime();
		for (int i = 0; i < warmups || (System.nanoTime() - warmupStart) / 1_000_000 < warmupMillis; i++) {
			rows = body.get();
		}
		List<Double> runsMs = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			rows = body.get();
			runsMs.add((System.nanoTime() - t0) / 1e6);
		}
		return new Timing(median(runsMs), runsMs, rows);
	}

	static Timing assignerAlone(List<Candidate> people, LocalDate from, int months, int warmups, long warmupMillis,
			int runs) {
		Assigner assigner = new Assigner();
		return time(warmups, warmupMillis, runs, () -> {
			List<PlannedShift> planned = assigner.extend(RULES, people, List.of(), from, from.plusMonths(months));
			return planned.size();
		});
	}

	/** Least-squares slope of log(y) against log(x). */
	static double slope(List<Double> xs, List<Double> ys) {
		int n = xs.size();
		double mx = 0, my = 0;
		for (int i = 0; i < n; i++) {
			mx += Math.log(xs.get(i));
			my += Math.log(ys.get(i));
		}
		mx /= n;
		my /= n;
		double num = 0, den = 0;
		for (int i = 0; i < n; i++) {
			double dx = Math.log(xs.get(i)) - mx;
			num += dx * (Math.log(ys.get(i)) - my);
			den += dx * dx;
		}
		return num / den;
	}

	// ---------------------------------------------------------------- main

	public static void main(String[] args) throws Exception {
		List<Integer> sizes = Arrays.stream(opt(args, "--people", "BENCH_PEOPLE", "79,1000").split(","))
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.map(Integer::parseInt)
			.toList();
		int runs = Integer.parseInt(opt(args, "--runs", "BENCH_RUNS", "5"));
		int dbRuns = Integer.parseInt(opt(args, "--db-runs", "BENCH_DB_RUNS", "5"));
		boolean db = !flag(args, "--no-db");
		boolean scaling = !flag(args, "--no-scaling");
		String out = opt(args, "--out", "BENCH_OUT", "");

		LocalDate from = LocalDate.now(ZoneOffset.UTC);
		StringBuilder report = new StringBuilder();
		Map<Integer, Timing> alone = new LinkedHashMap<>();

		// (a) the assigner alone
		System.err.println("(a) assigner alone ...");
		for (int n : sizes) {
			List<Candidate> people = candidates(roster(n, from));
			// JIT warm-up: at least 5 calls and 3 s for rosters up to 1,000; one call for larger ones.
			int warmups = n <= 1000 ? 5 : 1;
			long warmupMillis = n <= 1000 ? 3000 : 0;
			int r = n <= 1000 ? runs : Math.max(1, Math.min(runs, 3));
			Timing t = assignerAlone(people, from, 12, warmups, warmupMillis, r);
			alone.put(n, t);
			System.err.printf(Locale.ROOT, "  %d people: median %s of %s, %d shifts%n", n, ms(t.medianMs()),
					t.runsMs().stream().map(AssignerBench::ms).toList(), t.rows());
		}

		// (b) + (c) through the app and bare JDBC
		Map<Integer, Timing[]> persisted = new LinkedHashMap<>();
		if (db) {
			persisted = database(sizes, from, dbRuns);
		}

		// (d) growth
		Map<String, Double> grid = new LinkedHashMap<>();
		List<Integer> gridPeople = List.of(79, 250, 1000, 2000);
		List<Integer> gridMonths = List.of(3, 6, 12);
		double peopleSlope = Double.NaN;
		double monthsSlope = Double.NaN;
		if (scaling) {
			System.err.println("(d) growth ...");
			for (int n : gridPeople) {
				List<Candidate> people = candidates(roster(n, from));
				for (int m : gridMonths) {
					Timing t = assignerAlone(people, from, m, 1, 0, 5);
					grid.put(n + "x" + m, t.medianMs());
					System.err.printf(Locale.ROOT, "  %d people x %d months: %s%n", n, m, ms(t.medianMs()));
				}
			}
			peopleSlope = slope(gridPeople.stream().map(Integer::doubleValue).toList(),
					gridPeople.stream().map(n -> grid.get(n + "x12")).toList());
			monthsSlope = slope(gridMonths.stream().map(Integer::doubleValue).toList(),
					gridMonths.stream().map(m -> grid.get("1000x" + m)).toList());
		}

		// ------------------------------------------------------------ report
		report.append("### Figures\n\n");
		report.append("Times are median (min–max) in ms over the timed runs.\n\n");
		report.append("| roster | (a) assigner alone, 12 months | shifts | (b) maintain(): generate + persist, 53 weeks | rows | (c) bare JDBC batch insert, same rows | b / c | b − a − c (loading, tx, audit) |\n");
		report.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (int n : sizes) {
			Timing a = alone.get(n);
			Timing[] bc = persisted.get(n);
			String b = bc == null ? "–" : spread(bc[0]);
			String rows = bc == null ? "–" : String.valueOf(bc[0].rows());
			String c = bc == null ? "–" : spread(bc[1]);
			String ratio = bc == null ? "–" : String.format(Locale.ROOT, "%.2f", bc[0].medianMs() / bc[1].medianMs());
			String overhead = bc == null ? "–" : ms(bc[0].medianMs() - a.medianMs() - bc[1].medianMs());
			report.append("| ").append(n).append(" | ").append(spread(a)).append(" | ").append(a.rows())
				.append(" | ").append(b).append(" | ").append(rows).append(" | ").append(c).append(" | ")
				.append(ratio).append(" | ").append(overhead).append(" |\n");
		}
		report.append("\n### Targets (issue 3, item 9)\n\n| target | figure | met |\n|---|---|---|\n");
		if (alone.containsKey(1000)) {
			double a1000 = alone.get(1000).medianMs();
			report.append("| (a) assigner alone, 1,000 people × 12 months < 1 s | ").append(ms(a1000)).append(" | ")
				.append(a1000 < 1000 ? "yes" : "**no**").append(" |\n");
		}
		for (int n : sizes) {
			Timing[] bc = persisted.get(n);
			if (bc != null) {
				double ratio = bc[0].medianMs() / bc[1].medianMs();
				report.append("| (b) < 2 × (c) at ").append(n).append(" people | ")
					.append(String.format(Locale.ROOT, "%.2f ×", ratio)).append(" | ")
					.append(ratio < 2 ? "yes" : "**no**").append(" |\n");
			}
		}
		if (scaling) {
			report.append("\n### Growth of (a), median of 5 after 1 warm-up\n\n| people \\ months |");
			gridMonths.forEach(m -> report.append(' ').append(m).append(" |"));
			report.append("\n|---:|");
			gridMonths.forEach(m -> report.append("---:|"));
			report.append('\n');
			for (int n : gridPeople) {
				report.append("| ").append(n).append(" |");
				for (int m : gridMonths) {
					report.append(' ').append(ms(grid.get(n + "x" + m))).append(" |");
				}
				report.append('\n');
			}
			report.append(String.format(Locale.ROOT,
					"%nFitted log-log exponent: time ∝ people^%.2f (12 months, %s people), time ∝ months^%.2f (1,000 people).%n",
					peopleSlope, gridPeople, monthsSlope));
		}
		System.out.print(report);
		if (!out.isEmpty()) {
			Files.writeString(Path.of(out), report.toString());
		}
		System.exit(0);
	}

	static String fmt(List<Double> xs) {
		return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
	}

	// ---------------------------------------------------------------- (b) and (c)

	static Map<Integer, Timing[]> database(List<Integer> sizes, LocalDate from, int dbRuns) throws Exception {
		Path dataDir = Files.createTempDirectory("imoc-bench-pg");
		System.err.println("(b)/(c) starting the app context, embedded PostgreSQL in " + dataDir + " ...");
		Map<Integer, Timing[]> results = new LinkedHashMap<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImocApplication.class)
			.run("--imoc.embedded-db.data-dir=" + dataDir, "--imoc.embedded-db.clean=true", "--imoc.demo=false",
					"--server.port=0", "--spring.quartz.auto-startup=false", "--logging.level.root=WARN",
					"--spring.main.banner-mode=off")) {
			DataSource dataSource = context.getBean(DataSource.class);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			ScheduleMaintenance maintenance = context.getBean(ScheduleMaintenance.class);
			long rotationId = jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
			jdbc.update("update rotation set horizon_weeks = 53 where id = ?", rotationId);
			Map<String, Long> layerIds = new LinkedHashMap<>();
			jdbc.query("select name, id from rotation_layer where rotation_id = ?",
					rs -> { layerIds.put(rs.getString(1), rs.getLong(2)); }, rotationId);

			for (int n : sizes) {
				System.err.println("  " + n + " people ...");
				reset(jdbc);
				seedPeople(dataSource, rotationId, layerIds, roster(n, from));
				Timing b = time(1, 0, dbRuns, () -> {
					clearShifts(jdbc, rotationId);
					return maintenance.maintain(rotationId).created();
				});
				List<Object[]> rows = readShifts(jdbc, rotationId);
				Timing c = time(2, 0, dbRuns, () -> {
					clearShifts(jdbc, rotationId);
					return bareInsert(dataSource, rows);
				});
				Integer count = jdbc.queryForObject("select count(*) from shift where rotation_id = ?", Integer.class,
						rotationId);
				if (count == null || count != rows.size() || rows.size() != b.rows()) {
					throw new IllegalStateException("row count mismatch: maintain " + b.rows() + ", read "
							+ rows.size() + ", after bare insert " + count);
				}
				System.err.printf(Locale.ROOT, "    (b) %s %s, (c) %s %s, %d rows%n", ms(b.medianMs()),
						fmt(b.runsMs()), ms(c.medianMs()), fmt(c.runsMs()), rows.size());
				results.put(n, new Timing[] { b, c });
			}
		}
		return results;
	}

	static void reset(JdbcTemplate jdbc) {
		jdbc.update("delete from shift");
		jdbc.update("delete from rotation_participant");
		jdbc.update("delete from unavailability");
		jdbc.update("delete from audit_entry");
		jdbc.update("delete from person where email like '%@bench.example'");
		jdbc.execute("vacuum analyze");
	}

	/** Deletes the rotation's shifts and vacuums, so every timed insert starts from the same table state. */
	static void clearShifts(JdbcTemplate jdbc, long rotationId) {
		jdbc.update("delete from shift where rotation_id = ?", rotationId);
		jdbc.execute("vacuum shift");
	}

	static void seedPeople(DataSource dataSource, long rotationId, Map<String, Long> layerIds, List<Member> members)
			throws Exception {
		LocalDate startDate = LocalDate.now(ZoneOffset.UTC).minusYears(2);
		try (Connection con = dataSource.getConnection()) {
			con.setAutoCommit(false);
			List<Long> ids = new ArrayList<>();
			try (PreparedStatement ps = con.prepareStatement("""
					insert into person (name, email, job_title, grade, time_zone, region, start_date, weekdays_only,
					                    preferred_slots, onboarding_state, active)
					values (?, ?, 'BACKEND_ENGINEERING_MANAGER', 8, ?, ?, ?, ?, ?, ?, true)""",
					Statement.RETURN_GENERATED_KEYS)) {
				for (Member m : members) {
					ps.setString(1, m.name());
					ps.setString(2, "bench" + m.index() + "@bench.example");
					ps.setString(3, m.zone());
					ps.setString(4, m.region());
					ps.setObject(5, startDate);
					ps.setBoolean(6, m.weekdaysOnly());
					ps.setArray(7, con.createArrayOf("text", m.preferred().toArray()));
					ps.setString(8, m.shadow() ? "SHADOW" : "ACTIVE");
					ps.addBatch();
				}
				ps.executeBatch();
				try (ResultSet keys = ps.getGeneratedKeys()) {
					while (keys.next()) {
						ids.add(keys.getLong(1));
					}
				}
			}
			try (PreparedStatement join = con.prepareStatement(
					"insert into rotation_participant (rotation_id, person_id, layer_id) values (?, ?, ?)");
					PreparedStatement away = con.prepareStatement("""
							insert into unavailability (person_id, kind, starts_at, ends_at, created_by)
							values (?, 'PTO', ?, ?, 'bench')""")) {
				for (int i = 0; i < members.size(); i++) {
					Member m = members.get(i);
					join.setLong(1, rotationId);
					join.setLong(2, ids.get(i));
					join.setLong(3, layerIds.get(m.layer()));
					join.addBatch();
					for (TimeRange pto : m.pto()) {
						away.setLong(1, ids.get(i));
						away.setTimestamp(2, Timestamp.from(pto.start()));
						away.setTimestamp(3, Timestamp.from(pto.end()));
						away.addBatch();
					}
				}
				join.executeBatch();
				away.executeBatch();
			}
			con.commit();
		}
	}

	static List<Object[]> readShifts(JdbcTemplate jdbc, long rotationId) {
		return jdbc.query("""
				select rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow, reason,
				       created_at, updated_at
				from shift where rotation_id = ? order by id""", (rs, i) -> {
			long assignee = rs.getLong(7);
			Long assigneeId = rs.wasNull() ? null : assignee;
			return new Object[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
					rs.getTimestamp(5), rs.getTimestamp(6), assigneeId, rs.getBoolean(8), rs.getString(9),
					rs.getTimestamp(10), rs.getTimestamp(11) };
		}, rotationId);
	}

	/** Same statement, columns and types as ScheduleMaintenance#insert, batches of 500, one transaction. */
	static int bareInsert(DataSource dataSource, List<Object[]> rows) {
		try (Connection con = dataSource.getConnection()) {
			con.setAutoCommit(false);
			try (PreparedStatement ps = con.prepareStatement(INSERT_SHIFT)) {
				int pending = 0;
				for (Object[] row : rows) {
					ps.setLong(1, (Long) row[0]);
					ps.setLong(2, (Long) row[1]);
					ps.setLong(3, (Long) row[2]);
					ps.setObject(4, row[3]);
					ps.setTimestamp(5, (Timestamp) row[4]);
					ps.setTimestamp(6, (Timestamp) row[5]);
					ps.setObject(7, row[6]);
					ps.setBoolean(8, (Boolean) row[7]);
					ps.setString(9, (String) row[8]);
					ps.setTimestamp(10, (Timestamp) row[9]);
					ps.setTimestamp(11, (Timestamp) row[10]);
					ps.addBatch();
					if (++pending == 500) {
						ps.executeBatch();
						pending = 0;
					}
				}
				if (pending > 0) {
					ps.executeBatch();
				}
			}
			con.commit();
			con.setAutoCommit(true);
			return rows.size();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
