package com.example.imoc.simulation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;

import com.example.imoc.people.EligibilityPolicy;
import com.example.imoc.people.JobTitle;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonForm;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.people.Region;
import com.example.imoc.people.Role;
import com.example.imoc.people.Roster;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.rotation.Rotations.RotationSettings;
import com.example.imoc.simulation.Invariants.Away;
import com.example.imoc.simulation.Invariants.Violation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A year (or any number of days) of the real application's daily operation, simulated:
 * the seeded IMOC rotation with its real settings, a roster of N people, the daily extend
 * job at 01:15 UTC through Quartz, and a seeded random stream of what people do, each
 * through the application's own services or JSON API, each followed by the repair job
 * when the application would queue one. Every step's effect on the shift rows is read
 * back with SQL and recorded with its cause; after each day the invariants are checked
 * against the rows (see {@link Invariants}); at the end, the fairness figures. The same
 * {@link Settings} give the same run, on one node or several.
 */
final class ScheduleSimulation {

	/**
	 * @param seed the random stream's seed
	 * @param people the roster's size on the first day (joiners and leavers move it)
	 * @param days simulated days
	 * @param nodes application nodes on the one database; with more than one, the daily
	 * job and the day's requests go to node {@code day % nodes}
	 * @param start the first simulated day
	 */
	record Settings(long seed, int people, int days, int nodes, LocalDate start) {

		static final LocalDate DEFAULT_START = LocalDate.of(2027, 1, 4);

	}

	/**
	 * How often things happen, per person per year (time away) or per 80 people per year
	 * (the rest), chosen to look like the real rotation: about 25 days of PTO in 5 to 6
	 * stretches, a few sick days, a conference, a couple of swaps or covers a week in the
	 * whole rotation, ten joiners and eight leavers a year.
	 */
	static final class Rates {

		static final double PTO_PER_PERSON = 5.5;

		static final double CONFERENCES_PER_PERSON = 1;

		static final double SICK_DAYS_PER_PERSON = 4;

		static final double SWAPS = 150;

		static final double COVERS = 80;

		static final double PARTIAL_COVERS = 50;

		static final double OPEN_COVERS = 80;

		static final double JOINERS = 10;

		static final double LEAVERS = 8;

		static final double LAYER_MOVES = 4;

		static final double PREFERENCE_CHANGES = 12;

		/** Per rotation, not per 80 people. */
		static final double SETTING_CHANGES = 4;

		private Rates() {
		}

	}

	/**
	 * An owner change of a live primary row, for churn: the step that made it, and when.
	 */
	record OwnerChange(long shiftId, String slot, LocalDate date, Instant shiftStart, Long from, Long to, Cause cause) {

		Duration lead() {
			return Duration.between(this.cause.at(), this.shiftStart);
		}

	}

	static final LocalTime DAILY_JOB = LocalTime.of(1, 15);

	static final LocalTime DAY_CHECK = LocalTime.of(23, 59);

	/** Owner changes closer than this to a shift's start are churn. */
	static final Duration CHURN_LEAD = Duration.ofDays(14);

	private static final String ROTATION = "IMOC";

	private static final String ALL_DAYS = "weekdays and weekends";

	private static final String WEEKDAYS = "weekdays-only";

	/** The five real slots with the zones whose working day they fall in. */
	private static final Map<String, List<String>> ZONES_BY_SLOT = new LinkedHashMap<>();

	static {
		ZONES_BY_SLOT.put("23:00-05:00", List.of("Asia/Singapore", "Australia/Sydney", "Asia/Tokyo"));
		ZONES_BY_SLOT.put("05:00-11:00", List.of("Europe/Berlin", "Europe/London", "Asia/Kolkata"));
		ZONES_BY_SLOT.put("11:00-15:00", List.of("Europe/London", "Europe/Amsterdam", "Europe/Lisbon"));
		ZONES_BY_SLOT.put("15:00-19:00", List.of("America/New_York", "America/Toronto", "Europe/London"));
		ZONES_BY_SLOT.put("19:00-23:00", List.of("America/Los_Angeles", "America/Denver", "America/New_York"));
	}

	private final Settings settings;

	private final Random random;

	private final SimulationClock clock;

	private SimulationNodes nodes;

	private final Map<Long, SimPerson> people = new TreeMap<>();

	private SignedInPerson coordinator;

	private Rotation rotation;

	private Map<Long, ShiftRow> rows = new LinkedHashMap<>();

	private final Map<Long, Cause> lastCause = new HashMap<>();

	private final List<OwnerChange> ownerChanges = new ArrayList<>();

	private final Map<String, Violation> violations = new LinkedHashMap<>();

	private final Map<Long, Away> away = new TreeMap<>();

	private final Map<String, int[]> actions = new TreeMap<>();

	private final List<String> digests = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private int[] jobsPerNode;

	private int day;

	private LocalDate plannedThrough;

	private Instant checkedUntil;

	private int personNumber;

	private boolean settingUp = true;

	/** The fairness window the rotation was seeded with (V6, V24). */
	private int seededWindowDays;

	private int settingChanges;

	private final PriorityQueue<Planned> today = new PriorityQueue<>(
			Comparator.comparing(Planned::at).thenComparing(Planned::sequence));

	private int sequence;

	private record Planned(Instant at, int sequence, String kind, Runnable action) {
	}

	private ScheduleSimulation(Settings settings) {
		this.settings = settings;
		this.random = new Random(settings.seed());
		this.clock = new SimulationClock(settings.start().atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	static SimulationReport run(Settings settings) {
		return new ScheduleSimulation(settings).run();
	}

	private SimulationReport run() {
		long began = System.nanoTime();
		try (SimulationNodes started = new SimulationNodes(this.settings.nodes(), this.clock)) {
			this.nodes = started;
			this.jobsPerNode = new int[started.size()];
			setUp();
			this.timings.put("start-up and first roster", new long[] { System.nanoTime() - began });
			long[] transactionsBefore = transactions();
			for (this.day = 0; this.day < this.settings.days(); this.day++) {
				simulateDay();
				if (Boolean.getBoolean("imoc.simulation.progress") && (this.day + 1) % 30 == 0) {
					System.out.printf("%s: day %d of %d, %d violations so far, %s%n",
							this.settings.people() + " people", this.day + 1, this.settings.days(),
							this.violations.size(), Duration.ofNanos(System.nanoTime() - began).withNanos(0));
				}
			}
			long[] transactionsAfter = transactions();
			int steps = this.actions.values().stream().mapToInt(counts -> counts[0]).sum();
			long commits = transactionsAfter[0] - transactionsBefore[0];
			System.out.printf(
					"%d steps tried in %d days; PostgreSQL: %d transactions committed (%.1f a step), %d rolled back%n",
					steps, this.settings.days(), commits, steps == 0 ? 0.0 : (double) commits / steps,
					transactionsAfter[1] - transactionsBefore[1]);
			Instant end = this.settings.start().plusDays(this.settings.days()).atStartOfDay(ZoneOffset.UTC).toInstant();
			Map<Long, WorkCalendar> calendars = this.nodes.bean(PublicHolidays.class)
				.calendarsOf(this.nodes.bean(PersonRepository.class).findAllById(this.people.keySet()));
			YearFigures figures = YearFigures.of(this, allRows(), end, calendars);
			return new SimulationReport(this.settings, Duration.ofNanos(System.nanoTime() - began),
					List.copyOf(this.violations.values()), Map.copyOf(this.actions), List.copyOf(this.ownerChanges),
					figures, List.copyOf(this.digests), this.jobsPerNode.clone(), List.copyOf(this.failures),
					this.people.size(), timings());
		}
	}

	/**
	 * Transactions committed and rolled back in the database so far, all nodes and the
	 * harness's own reads included (PostgreSQL's statistics, which lag by up to a
	 * second).
	 */
	private long[] transactions() {
		jdbc().queryForObject("select pg_stat_force_next_flush()", Object.class);
		jdbc().queryForObject("select pg_stat_clear_snapshot()", Object.class);
		return jdbc().queryForObject(
				"select xact_commit, xact_rollback from pg_stat_database where datname = current_database()",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) });
	}

	private Map<String, Duration> timings() {
		Map<String, Duration> timings = new TreeMap<>();
		this.timings.forEach((part, nanos) -> timings.put(part, Duration.ofNanos(nanos[0])));
		return timings;
	}

	Settings settings() {
		return this.settings;
	}

	Map<Long, SimPerson> people() {
		return this.people;
	}

	Rotation rotation() {
		return this.rotation;
	}

	/** What last created or gave an owner to each row, by row id. */
	Map<Long, Cause> lastCause() {
		return this.lastCause;
	}

	Instant start() {
		return this.settings.start().atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	// ---------------------------------------------------------------- set-up

	private void setUp() {
		this.rotation = this.nodes.bean(Rotations.class)
			.findByName(ROTATION)
			.orElseThrow(() -> new IllegalStateException("the IMOC rotation seeded by V6 is missing"));
		this.seededWindowDays = this.rotation.fairnessWindowDays();
		PersonForm form = newForm("Sim Coordinator", "UTC", Region.EMEA, this.settings.start().minusYears(5), false,
				List.of(), OnboardingState.ACTIVE);
		form.setJobTitle(JobTitle.ROTATION_COORDINATOR);
		form.setRole(Role.COORDINATOR);
		Person saved = this.nodes.bean(Roster.class).create(form);
		this.coordinator = new SignedInPerson(saved.getId(), saved.getEmail(), saved.getName(), null, Role.COORDINATOR,
				true);
		for (int i = 0; i < this.settings.people(); i++) {
			boolean training = this.random.nextDouble() < 0.05;
			LocalDate startDate = training ? this.settings.start().minusDays(90 + this.random.nextInt(60))
					: this.settings.start().minusDays(365 + this.random.nextInt(7 * 365));
			SimPerson person = createAndJoin(startDate, training ? OnboardingState.SHADOW : OnboardingState.ACTIVE,
					this.random.nextDouble() < 0.1);
			person.steady = !training;
		}
		this.settingUp = false;
		this.checkedUntil = this.clock.instant().plus(Duration.ofMinutes(DAILY_JOB.toSecondOfDay() / 60));
		this.readAsOf = snapshotXmin();
		this.rows = readRows();
	}

	private SimPerson createAndJoin(LocalDate startDate, OnboardingState state, boolean weekdaysOnly) {
		List<String> slots = new ArrayList<>(ZONES_BY_SLOT.keySet());
		// Supply follows demand: a slot is someone's first choice in proportion to its
		// hours (6, 6, 4, 4, 4).
		int pick = weighted(new double[] { 6, 6, 4, 4, 4 });
		String first = slots.get(pick);
		List<String> preferred = new ArrayList<>(List.of(first));
		if (this.random.nextDouble() < 0.4) {
			preferred.add(slots.get((pick + (this.random.nextBoolean() ? 1 : slots.size() - 1)) % slots.size()));
		}
		List<String> zones = ZONES_BY_SLOT.get(first);
		String zone = zones.get(this.random.nextInt(zones.size()));
		Region region = zone.startsWith("America") ? Region.AMER
				: zone.startsWith("Europe") ? Region.EMEA : Region.APAC;
		this.personNumber++;
		PersonForm form = newForm(String.format("Sim Person %04d", this.personNumber), zone, region, startDate,
				weekdaysOnly, preferred, state);
		Person saved = this.nodes.bean(Roster.class).create(form);
		SimPerson person = new SimPerson(saved.getId(), saved.getName(), saved.getEmail(), ZoneId.of(zone),
				saved.getJobTitle(), saved.getGrade(), startDate);
		// The first roster has been there for a while: shifts planned from "yesterday" on
		// the first day are theirs.
		Instant now = this.settingUp ? start().minus(Duration.ofDays(30)) : this.clock.instant();
		person.onboarding.put(now, state);
		person.active.put(now, true);
		person.preferred.put(now, List.copyOf(preferred));
		long layer = layerId(weekdaysOnly ? WEEKDAYS : ALL_DAYS);
		this.nodes.bean(Rotations.class).join(this.rotation.id(), person.id, layer);
		person.layer.put(now, layer);
		if (state.isTraining()) {
			person.nextOnboardingStep = today().plusDays(20 + this.random.nextInt(21));
		}
		this.people.put(person.id, person);
		return person;
	}

	private PersonForm newForm(String name, String zone, Region region, LocalDate startDate, boolean weekdaysOnly,
			List<String> preferred, OnboardingState state) {
		PersonForm form = new PersonForm();
		form.setName(name);
		form.setEmail(name.toLowerCase().replace(' ', '.') + "@simulation.example.com");
		JobTitle[] titles = { JobTitle.BACKEND_ENGINEERING_MANAGER, JobTitle.FRONTEND_ENGINEERING_MANAGER,
				JobTitle.FULLSTACK_ENGINEERING_MANAGER, JobTitle.SENIOR_ENGINEERING_MANAGER, JobTitle.STAFF_ENGINEER };
		JobTitle title = titles[this.random.nextInt(titles.length)];
		form.setJobTitle(title);
		form.setGrade(title == JobTitle.SENIOR_ENGINEERING_MANAGER ? 9 : 8);
		form.setTimeZone(zone);
		form.setRegion(region);
		form.setStartDate(startDate);
		form.setWeekdaysOnly(weekdaysOnly);
		form.setPreferredSlots(String.join(", ", preferred));
		form.setOnboardingState(state);
		form.setRole(Role.MANAGER);
		return form;
	}

	private static PersonForm formOf(Person person) {
		PersonForm form = new PersonForm();
		form.setName(person.getName());
		form.setEmail(person.getEmail());
		form.setJobTitle(person.getJobTitle());
		form.setGrade(person.getGrade());
		form.setManagerId(person.getManager() == null ? null : person.getManager().getId());
		form.setTimeZone(person.getTimeZone());
		form.setRegion(person.getRegion());
		form.setStartDate(person.getStartDate());
		form.setWeekdaysOnly(person.isWeekdaysOnly());
		form.setPreferredSlots(String.join(", ", person.getPreferredSlots()));
		form.setOnboardingState(person.getOnboardingState());
		form.setOnFastOncall(person.isOnFastOncall());
		form.setOptedIn(person.isOptedIn());
		form.setManagerApproved(person.isManagerApproved());
		form.setActive(person.isActive());
		form.setRole(person.getRole());
		form.setVersion(person.getVersion());
		return form;
	}

	private long layerId(String name) {
		return this.rotation.layer(name).orElseThrow().id();
	}

	// ---------------------------------------------------------------- one day

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private Instant at(LocalTime time) {
		return this.settings.start().plusDays(this.day).atTime(time).toInstant(ZoneOffset.UTC);
	}

	private void simulateDay() {
		int node = this.day % this.nodes.size();
		this.nodes.activate(node);
		this.clock.advanceTo(at(DAILY_JOB));
		step(new Cause(Cause.Kind.EXTEND, this.day, this.clock.instant(), "daily extend"), null,
				() -> runJob(SimulationNodes.EXTEND));
		this.rotation = this.nodes.bean(Rotations.class).find(this.rotation.id()).orElseThrow();
		// The extend plans [yesterday, today + horizon): the assigner's end is exclusive.
		this.plannedThrough = today().plusWeeks(this.rotation.horizonWeeks()).minusDays(1);
		planDay();
		while (!this.today.isEmpty()) {
			Planned next = this.today.poll();
			this.clock.advanceTo(next.at());
			timed("day's actions (all)", () -> {
				next.action().run();
				return null;
			});
		}
		this.clock.advanceTo(at(DAY_CHECK));
		timed("checks", () -> {
			check();
			return null;
		});
	}

	private void planDay() {
		double scale = this.settings.people() / 80.0;
		int live = (int) this.people.values().stream().filter(p -> p.activeAt(this.clock.instant())).count();
		plan("time away", poisson(live * Rates.PTO_PER_PERSON / 365), () -> timeAway(Unavailability.Kind.PTO));
		plan("conference", poisson(live * Rates.CONFERENCES_PER_PERSON / 365),
				() -> timeAway(Unavailability.Kind.CONFERENCE));
		plan("sick day", poisson(live * Rates.SICK_DAYS_PER_PERSON / 365), this::sickDay);
		plan("swap", poisson(scale * Rates.SWAPS / 365), this::swap);
		plan("cover", poisson(scale * Rates.COVERS / 365), () -> cover(false));
		plan("partial cover", poisson(scale * Rates.PARTIAL_COVERS / 365), () -> cover(true));
		plan("open cover", poisson(scale * Rates.OPEN_COVERS / 365), this::openCover);
		plan("joining", poisson(scale * Rates.JOINERS / 365), this::join);
		plan("leaving", poisson(scale * Rates.LEAVERS / 365), this::leave);
		plan("layer move", poisson(scale * Rates.LAYER_MOVES / 365), this::moveLayer);
		plan("preferred slots", poisson(scale * Rates.PREFERENCE_CHANGES / 365), this::changePreferences);
		plan("rotation setting", poisson(Rates.SETTING_CHANGES / 365), this::changeSetting);
		for (SimPerson person : this.people.values()) {
			if (person.nextOnboardingStep != null && !person.nextOnboardingStep.isAfter(today())) {
				plan("shadowing step", 1, () -> finishShadowing(person));
			}
		}
	}

	private void plan(String kind, int count, Runnable action) {
		for (int i = 0; i < count; i++) {
			planAt(at(DAILY_JOB).plus(Duration.ofMinutes(5 + this.random.nextInt(22 * 60))), kind, action);
		}
	}

	private void planAt(Instant when, String kind, Runnable action) {
		Instant latest = at(DAY_CHECK).minus(Duration.ofMinutes(1));
		this.today.add(new Planned(when.isAfter(latest) ? latest : when, this.sequence++, kind, action));
	}

	private int poisson(double mean) {
		double limit = Math.exp(-mean);
		double product = this.random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= this.random.nextDouble();
			count++;
		}
		return count;
	}

	private int weighted(double[] weights) {
		double total = 0;
		for (double weight : weights) {
			total += weight;
		}
		double pick = this.random.nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			pick -= weights[i];
			if (pick < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private <T> T any(List<T> list) {
		return list.get(this.random.nextInt(list.size()));
	}

	private void tried(String kind, boolean done) {
		int[] counts = this.actions.computeIfAbsent(kind, k -> new int[2]);
		counts[0]++;
		if (done) {
			counts[1]++;
		}
	}

	private List<SimPerson> liveIms() {
		Instant now = this.clock.instant();
		return this.people.values().stream().filter(p -> p.liveIm(now)).toList();
	}

	private List<SimPerson> inRotation() {
		Instant now = this.clock.instant();
		return this.people.values()
			.stream()
			.filter(p -> p.activeAt(now) && p.layerAt(now) != SimPerson.NO_LAYER)
			.toList();
	}

	// ---------------------------------------------------------------- what people do

	private void timeAway(Unavailability.Kind kind) {
		List<SimPerson> candidates = inRotation();
		if (candidates.isEmpty()) {
			return;
		}
		SimPerson person = any(candidates);
		LocalDate first = LocalDate.ofInstant(this.clock.instant(), person.zone).plusDays(this.random.nextInt(61));
		int length = kind == Unavailability.Kind.CONFERENCE ? 2 + this.random.nextInt(3)
				: new int[] { 1, 1, 2, 3, 3, 4, 5, 5, 7, 10, 14 }[this.random.nextInt(11)];
		addTimeAway(person, kind, first, first.plusDays(length - 1), Cause.Kind.REPAIR_AFTER_TIME_AWAY);
	}

	private void sickDay() {
		List<SimPerson> candidates = inRotation();
		if (candidates.isEmpty()) {
			return;
		}
		SimPerson person = any(candidates);
		LocalDate first = LocalDate.ofInstant(this.clock.instant(), person.zone);
		int extra = new int[] { 0, 0, 0, 1, 1, 2 }[this.random.nextInt(6)];
		addTimeAway(person, Unavailability.Kind.SICK, first, first.plusDays(extra), Cause.Kind.REPAIR_AFTER_SICK_DAY);
	}

	private void addTimeAway(SimPerson person, Unavailability.Kind kind, LocalDate first, LocalDate last,
			Cause.Kind cause) {
		String what = person + " enters " + kind.label() + " " + first + " to " + last;
		boolean done = step(cause(cause, what), person.id, () -> {
			Unavailability entry = this.nodes.bean(TimeAway.class)
				.add(person.signedIn(), person.id, kind, first, last, "simulated");
			this.away.put(entry.getId(), new Away(entry.getId(), person.id, entry.getStartsAt(), entry.getEndsAt(),
					this.clock.instant(), kind.label()));
			repair();
		});
		tried(switch (kind) {
			case SICK -> "sick day";
			case CONFERENCE -> "conference";
			default -> "time away";
		}, done);
		coverWhatTheyCannotHold(person, what);
	}

	/**
	 * Whether {@code person} may hold {@code row} as things stand now (the harness's own
	 * view, for choosing).
	 */
	private boolean mayHold(SimPerson person, ShiftRow row) {
		Instant now = this.clock.instant();
		if (!person.liveIm(now)) {
			return false;
		}
		RotationLayer layer = this.rotation.layer(person.layerAt(now)).orElse(null);
		// Layer days in the person's own zone, every local day the shift touches, as the
		// rules and the invariants judge them (a Friday 23:00 UTC shift is Saturday in
		// Sydney): judged on the shift's date, a Sydney person moved to weekdays-only
		// kept a frozen Friday-night shift that the invariants then flagged.
		if (layer == null || (WorkCalendar.of(person.zone, Set.of()).daysTouched(row.start(), row.end())
				& ~WorkCalendar.dayBits(layer.days())) != 0) {
			return false;
		}
		return this.away.values()
			.stream()
			.noneMatch(
					a -> a.personId() == person.id && a.start().isBefore(row.end()) && row.start().isBefore(a.end()));
	}

	/**
	 * What the rotation's coordinator does when someone can no longer hold shifts inside
	 * the freeze window (the scheduler leaves those alone): give each to someone the
	 * rules allow, through the swap API, "perform now".
	 */
	private void coverWhatTheyCannotHold(SimPerson person, String why) {
		Instant now = this.clock.instant();
		List<ShiftRow> stuck = this.rows.values()
			.stream()
			.filter(r -> r.primary() && Objects.equals(r.assignee(), person.id) && r.start().isAfter(now)
					&& !mayHold(person, r))
			.toList();
		for (ShiftRow row : stuck) {
			List<SimPerson> takers = new ArrayList<>(liveIms());
			takers.remove(person);
			List<SimPerson> tries = askInOrder(takers, row.slot(), 15);
			boolean done = step(cause(Cause.Kind.COORDINATOR_COVER, "coordinator gives " + row + " away (" + why + ")"),
					person.id, () -> {
						for (SimPerson taker : tries) {
							if (api(this.coordinator, "/api/v1/swaps",
									"{\"kind\":\"COVER\",\"shiftId\":" + row.id() + ",\"toPersonId\":" + taker.id
											+ ",\"performNow\":true,\"reason\":\"owner cannot hold it\"}")
								.getStatus() == 201) {
								return;
							}
						}
						throw new IllegalStateException("nobody could take " + row);
					});
			tried("coordinator cover", done);
		}
	}

	/**
	 * Primary shifts people can still trade: after the freeze window, within five weeks.
	 */
	private List<ShiftRow> tradable() {
		Instant from = this.clock.instant().plus(Duration.ofDays(this.rotation.freezeDays() + 1));
		Instant to = this.clock.instant().plus(Duration.ofDays(35));
		Instant now = this.clock.instant();
		return this.rows.values()
			.stream()
			.filter(r -> r.primary() && r.assignee() != null && r.start().isAfter(from) && r.start().isBefore(to))
			.filter(r -> this.people.containsKey(r.assignee()) && this.people.get(r.assignee()).liveIm(now))
			.toList();
	}

	private void swap() {
		List<ShiftRow> tradable = tradable();
		if (tradable.isEmpty()) {
			return;
		}
		ShiftRow mine = any(tradable);
		SimPerson me = this.people.get(mine.assignee());
		List<ShiftRow> theirs = new ArrayList<>(tradable.stream()
			.filter(r -> !r.assignee().equals(me.id)
					&& Duration.between(mine.start(), r.start()).abs().compareTo(Duration.ofDays(14)) < 0)
			.toList());
		Collections.shuffle(theirs, this.random);
		// People trade dates within their own hours: first a shift in a slot they prefer
		// whose holder prefers theirs, then any in a slot they prefer, then the rest.
		Instant now = this.clock.instant();
		List<String> mySlots = me.preferredAt(now);
		theirs.sort(Comparator.comparingInt(r -> (mySlots.contains(r.slot()) ? 0 : 2)
				+ (this.people.get(r.assignee()).preferredAt(now).contains(mine.slot()) ? 0 : 1)));
		List<ShiftRow> tries = theirs.subList(0, Math.min(6, theirs.size()));
		boolean done = step(cause(Cause.Kind.SWAP, me + " asks to swap " + mine), me.id, () -> {
			for (ShiftRow other : tries) {
				if (askAndAccept(me,
						"{\"kind\":\"SWAP\",\"shiftId\":" + mine.id() + ",\"counterpartShiftId\":" + other.id() + "}",
						this.people.get(other.assignee()))) {
					return;
				}
			}
			throw new IllegalStateException("no swap the rules allow");
		});
		tried("swap", done);
	}

	private void cover(boolean partial) {
		List<ShiftRow> tradable = tradable().stream().filter(r -> !partial || r.hours() >= 2).toList();
		if (tradable.isEmpty()) {
			return;
		}
		ShiftRow mine = any(tradable);
		SimPerson me = this.people.get(mine.assignee());
		String part = "";
		if (partial) {
			int hours = (int) mine.hours();
			int from = this.random.nextInt(hours);
			int length = 1 + this.random.nextInt(hours - from);
			if (from == 0 && length == hours) {
				length--;
				if (length == 0) {
					length = 1;
					from = 1;
				}
			}
			Instant partStart = mine.start().plus(Duration.ofHours(from));
			part = ",\"partStart\":\"" + partStart + "\",\"partEnd\":\"" + partStart.plus(Duration.ofHours(length))
					+ "\"";
		}
		List<SimPerson> takers = new ArrayList<>(liveIms());
		takers.remove(me);
		List<SimPerson> tries = askInOrder(takers, mine.slot(), 6);
		String extra = part;
		Cause.Kind kind = partial ? Cause.Kind.PARTIAL_COVER : Cause.Kind.COVER;
		boolean done = step(cause(kind, me + " asks for a " + kind.label() + " of " + mine + extra), me.id, () -> {
			for (SimPerson taker : tries) {
				if (askAndAccept(me,
						"{\"kind\":\"COVER\",\"shiftId\":" + mine.id() + ",\"toPersonId\":" + taker.id + extra + "}",
						taker)) {
					return;
				}
			}
			throw new IllegalStateException("nobody the rules allow");
		});
		tried(partial ? "partial cover" : "cover", done);
	}

	/**
	 * Whom someone asks to take a shift in {@code slot} (or who answers an open cover
	 * first), in order, at most {@code max}: colleagues whose preferred slots include it
	 * (the hours of their own working day; the cover form's suggestions), in random
	 * order, then everyone else, in random order.
	 */
	private List<SimPerson> askInOrder(List<SimPerson> takers, String slot, int max) {
		Instant now = this.clock.instant();
		List<SimPerson> ordered = new ArrayList<>(takers);
		Collections.shuffle(ordered, this.random);
		ordered.sort(Comparator.comparingInt(p -> p.preferredAt(now).contains(slot) ? 0 : 1));
		return ordered.subList(0, Math.min(max, ordered.size()));
	}

	private boolean askAndAccept(SimPerson asker, String body, SimPerson answerer) {
		MockHttpServletResponse asked = api(asker.signedIn(), "/api/v1/swaps", body);
		if (asked.getStatus() != 201) {
			return false;
		}
		long id = idOf(asked);
		if (api(answerer.signedIn(), "/api/v1/swaps/" + id + "/accept", "{}").getStatus() == 200) {
			return true;
		}
		api(asker.signedIn(), "/api/v1/swaps/" + id + "/cancel", "{}");
		return false;
	}

	private void openCover() {
		List<ShiftRow> tradable = tradable();
		if (tradable.isEmpty()) {
			return;
		}
		ShiftRow mine = any(tradable);
		SimPerson me = this.people.get(mine.assignee());
		MockHttpServletResponse asked = api(me.signedIn(), "/api/v1/swaps",
				"{\"kind\":\"OPEN_COVER\",\"shiftId\":" + mine.id() + "}");
		if (asked.getStatus() != 201) {
			tried("open cover", false);
			return;
		}
		long id = idOf(asked);
		planAt(this.clock.instant().plus(Duration.ofMinutes(30 + this.random.nextInt(300))), "open cover taken", () -> {
			List<SimPerson> takers = new ArrayList<>(liveIms());
			takers.remove(me);
			List<SimPerson> tries = askInOrder(takers, mine.slot(), 10);
			boolean done = step(cause(Cause.Kind.OPEN_COVER, "open cover #" + id + " of " + mine), me.id, () -> {
				for (SimPerson taker : tries) {
					int status = api(taker.signedIn(), "/api/v1/swaps/" + id + "/accept", "{}").getStatus();
					if (status == 200) {
						return;
					}
				}
				api(me.signedIn(), "/api/v1/swaps/" + id + "/cancel", "{}");
				throw new IllegalStateException("nobody could take it");
			});
			tried("open cover", done);
		});
	}

	private void join() {
		boolean experienced = this.random.nextDouble() < 0.2;
		LocalDate startDate = experienced ? today().minusDays(400 + this.random.nextInt(2000))
				: today().minusDays(this.random.nextInt(180));
		boolean done = step(cause(Cause.Kind.REPAIR_AFTER_JOINING, "someone joins"), null, () -> {
			createAndJoin(startDate, experienced ? OnboardingState.ACTIVE : OnboardingState.SHADOW,
					this.random.nextDouble() < 0.1);
			repair();
		});
		tried("joining", done);
	}

	private void finishShadowing(SimPerson person) {
		Instant now = this.clock.instant();
		OnboardingState state = person.onboardingAt(now);
		if (state == null || !state.isTraining() || !person.activeAt(now)) {
			person.nextOnboardingStep = null;
			return;
		}
		OnboardingState next = state == OnboardingState.SHADOW ? OnboardingState.REVERSE_SHADOW
				: OnboardingState.ACTIVE;
		boolean done = updatePerson(person, Cause.Kind.REPAIR_AFTER_ONBOARDING, person + " moves on to " + next.label(),
				form -> form.setOnboardingState(next));
		if (done) {
			person.onboarding.put(now, next);
			person.nextOnboardingStep = next == OnboardingState.ACTIVE ? null
					: today().plusDays(7 + this.random.nextInt(15));
		}
		tried("shadowing step", done);
	}

	private void leave() {
		List<SimPerson> candidates = inRotation();
		if (candidates.size() < 10) {
			return;
		}
		SimPerson person = any(candidates);
		Instant now = this.clock.instant();
		boolean leavesTheCompany = this.random.nextBoolean();
		String what = person + (leavesTheCompany ? " leaves the company" : " is offboarded from the rotation");
		boolean done = step(cause(Cause.Kind.REPAIR_AFTER_LEAVING, what), person.id, () -> {
			if (leavesTheCompany) {
				this.nodes.bean(Roster.class).deactivate(person.id);
			}
			else {
				Person current = this.nodes.bean(PersonRepository.class).findById(person.id).orElseThrow();
				PersonForm form = formOf(current);
				form.setOnboardingState(OnboardingState.OFFBOARDED);
				this.nodes.bean(Roster.class).update(person.id, form);
				this.nodes.bean(Rotations.class).leave(this.rotation.id(), person.id);
			}
			repair();
		});
		if (done) {
			if (leavesTheCompany) {
				person.active.put(now, false);
			}
			else {
				person.onboarding.put(now, OnboardingState.OFFBOARDED);
				person.layer.put(now, SimPerson.NO_LAYER);
			}
			person.steady = false;
			person.nextOnboardingStep = null;
		}
		tried("leaving", done);
		coverWhatTheyCannotHold(person, what);
	}

	private void moveLayer() {
		List<SimPerson> candidates = liveIms();
		if (candidates.isEmpty()) {
			return;
		}
		SimPerson person = any(candidates);
		Instant now = this.clock.instant();
		boolean toWeekdays = person.layerAt(now) == layerId(ALL_DAYS);
		long layer = layerId(toWeekdays ? WEEKDAYS : ALL_DAYS);
		String what = person + " moves to the " + (toWeekdays ? WEEKDAYS : ALL_DAYS) + " layer";
		boolean done = updatePerson(person, Cause.Kind.REPAIR_AFTER_LAYER_MOVE, what, form -> {
			form.setWeekdaysOnly(toWeekdays);
			this.nodes.bean(Rotations.class).join(this.rotation.id(), person.id, layer);
			person.layer.put(now, layer);
		});
		tried("layer move", done);
		coverWhatTheyCannotHold(person, what);
	}

	private void changePreferences() {
		List<SimPerson> candidates = inRotation();
		if (candidates.isEmpty()) {
			return;
		}
		SimPerson person = any(candidates);
		List<String> slots = new ArrayList<>(ZONES_BY_SLOT.keySet());
		List<String> preferred = new ArrayList<>(List.of(slots.get(weighted(new double[] { 6, 6, 4, 4, 4 }))));
		if (this.random.nextDouble() < 0.4) {
			String second = any(slots);
			if (!preferred.contains(second)) {
				preferred.add(second);
			}
		}
		Instant now = this.clock.instant();
		boolean done = updatePerson(person, Cause.Kind.REPAIR_AFTER_PREFERENCES, person + " now prefers " + preferred,
				form -> form.setPreferredSlots(String.join(", ", preferred)));
		if (done) {
			person.preferred.put(now, List.copyOf(preferred));
		}
		tried("preferred slots", done);
	}

	private boolean updatePerson(SimPerson person, Cause.Kind kind, String what,
			java.util.function.Consumer<PersonForm> change) {
		return step(cause(kind, what), person.id, () -> {
			Person current = this.nodes.bean(PersonRepository.class).findById(person.id).orElseThrow();
			PersonForm form = formOf(current);
			change.accept(form);
			this.nodes.bean(Roster.class).update(person.id, form);
			repair();
		});
	}

	/**
	 * The coordinator edits the rotation: the fairness window, the horizon or the undo
	 * period, back and forth.
	 */
	private void changeSetting() {
		Rotation r = this.nodes.bean(Rotations.class).find(this.rotation.id()).orElseThrow();
		int which = this.settingChanges++ % 3;
		// Back and forth between the seeded window and a month more.
		int seeded = this.seededWindowDays;
		int window = which == 0 ? (r.fairnessWindowDays() == seeded ? seeded + 30 : seeded) : r.fairnessWindowDays();
		int horizon = which == 1 ? (r.horizonWeeks() == 6 ? 8 : 6) : r.horizonWeeks();
		int undo = which == 2 ? (r.swapUndoHours() == 24 ? 48 : 24) : r.swapUndoHours();
		String what = "coordinator sets fairness window " + window + " d, horizon " + horizon + " w, undo " + undo
				+ " h";
		boolean done = step(cause(Cause.Kind.REPAIR_AFTER_SETTING, what), null, () -> {
			if (!this.nodes.bean(Rotations.class)
				.updateSettings(r.id(), r.version(), new RotationSettings(r.name(), r.zone(), r.blockDays(),
						r.minimumRest(), horizon, r.freezeDays(), window, undo, r.swapNeedsApproval()))) {
				throw new IllegalStateException("the rotation changed under the coordinator");
			}
		});
		this.rotation = this.nodes.bean(Rotations.class).find(this.rotation.id()).orElseThrow();
		tried("rotation setting", done);
	}

	// ---------------------------------------------------------------- steps, causes,
	// rows

	private Cause cause(Cause.Kind kind, String what) {
		return new Cause(kind, this.day, this.clock.instant(), what);
	}

	/**
	 * Where the run's wall time goes, in nanoseconds, by part: for the report and for
	 * tuning.
	 */
	private final Map<String, long[]> timings = new TreeMap<>();

	private <T> T timed(String part, java.util.function.Supplier<T> work) {
		long began = System.nanoTime();
		try {
			return work.get();
		}
		finally {
			this.timings.computeIfAbsent(part, k -> new long[1])[0] += System.nanoTime() - began;
		}
	}

	/**
	 * The repair the application queues after a change ("a second later"): the
	 * {@code repair-schedules} job's work ({@code ScheduleMaintenance.repair} for every
	 * rotation) on the active node, called directly; through Quartz when the system
	 * property {@code imoc.simulation.quartz-repairs} is true. The daily extend always
	 * goes through Quartz. At 1,000 people a year has about 12,000 repairs, and a firing
	 * through the clustered JDBC store (store the trigger, acquire it under the cluster
	 * lock, run it on a worker thread, record it done) cost more than the repair itself.
	 */
	private void repair() {
		if (QUARTZ_REPAIRS) {
			runJob(SimulationNodes.REPAIR);
			return;
		}
		String failure = timed("repair (the job's work, direct)", this.nodes::repairNow);
		if (failure != null) {
			this.failures.add("day " + this.day + " repair failed: " + failure);
		}
	}

	private static final boolean QUARTZ_REPAIRS = Boolean.getBoolean("imoc.simulation.quartz-repairs");

	private void runJob(org.quartz.JobKey job) {
		SimulationNodes.JobRun run = timed("quartz " + job.getName(), () -> this.nodes.runJob(job));
		this.jobsPerNode[Integer.parseInt(run.node().substring("node-".length())) - 1]++;
		if (run.failure() != null) {
			this.failures.add("day " + this.day + " " + job.getName() + " failed on " + run.node() + ": "
					+ run.failure().getCause());
		}
	}

	/**
	 * Runs one step, then reads the rows back and records, for every row it created or
	 * gave another owner, the cause. Returns whether the action succeeded (a refused
	 * request is part of life, not a failure of the run).
	 */
	private boolean step(Cause cause, Long subject, Runnable action) {
		boolean done = true;
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			done = false;
		}
		List<ShiftRow> changed = timed("reading rows", this::readChangedRows);
		for (ShiftRow row : changed) {
			ShiftRow before = this.rows.get(row.id());
			if (before == null) {
				this.lastCause.put(row.id(), cause);
				if (cause.kind() == Cause.Kind.PARTIAL_COVER && row.primary()
						&& !Objects.equals(row.assignee(), subject)) {
					this.ownerChanges.add(new OwnerChange(row.id(), row.slot(), row.date(), row.start(), subject,
							row.assignee(), cause));
				}
				continue;
			}
			if (Objects.equals(before.assignee(), row.assignee()) && before.live() == row.live()) {
				continue;
			}
			Cause.Kind kind = cause.kind();
			if (kind == Cause.Kind.EXTEND) {
				kind = before.assignee() == null ? Cause.Kind.GAP_FILLED : Cause.Kind.DAILY_REPAIR;
			}
			else if (kind.isRepairAfterChange() && !Objects.equals(before.assignee(), subject)) {
				kind = before.assignee() == null ? Cause.Kind.GAP_FILLED : Cause.Kind.COLLATERAL_REPAIR;
			}
			Cause recorded = kind == cause.kind() ? cause : new Cause(kind, cause.day(), cause.at(), cause.what());
			this.lastCause.put(row.id(), recorded);
			if (before.primary()) {
				this.ownerChanges.add(new OwnerChange(row.id(), row.slot(), row.date(), row.start(), before.assignee(),
						row.live() ? row.assignee() : null, recorded));
			}
		}
		this.rows = merged(changed);
		if (VERIFY_ROWS && !List.copyOf(this.rows.values()).equals(List.copyOf(readRows().values()))) {
			throw new IllegalStateException("day " + this.day + ", after " + cause.what()
					+ ": the rows read back step by step differ from a full read");
		}
		return done;
	}

	/**
	 * {@code -Dimoc.simulation.verify-rows=true}: after every step, compare the rows read
	 * back incrementally with a full read of the window (slow; for checking the harness).
	 */
	private static final boolean VERIFY_ROWS = Boolean.getBoolean("imoc.simulation.verify-rows");

	/**
	 * The oldest transaction still running when the rows were last read
	 * ({@code pg_snapshot_xmin}): every row written since has an {@code xmin} at least
	 * this.
	 */
	private long readAsOf;

	/**
	 * The rows a step may have written: those whose {@code xmin} (the transaction that
	 * wrote them) is not older than the snapshot of the previous read, in the window
	 * {@link #readRows} reads. Shift rows are never deleted, so these and the rows read
	 * before are the whole window; a step rewrites a handful, and reading the window's
	 * few hundred rows after each of the 16,000 steps of a year at 1,000 people was a
	 * tenth of the run.
	 */
	private List<ShiftRow> readChangedRows() {
		Instant from = this.clock.instant().minus(Duration.ofDays(this.rotation.blockDays() + 1L));
		List<ShiftRow> changed = new ArrayList<>();
		long[] asOf = { this.readAsOf };
		jdbc().query("""
				select s.id, sl.label, s.local_date, s.starts_at, s.ends_at, s.assignee_id, s.shadow, s.state, s.reason,
				       pg_snapshot_xmin(pg_current_snapshot())::text::bigint
				from shift s join rotation_slot sl on sl.id = s.slot_id
				where s.rotation_id = ? and s.ends_at > ? and s.xmin::text::bigint >= ?
				order by s.starts_at, sl.label, s.id""", rs -> {
			changed.add(row(rs));
			asOf[0] = rs.getLong(10);
		}, this.rotation.id(), Timestamp.from(from), this.readAsOf);
		if (changed.isEmpty()) {
			asOf[0] = snapshotXmin();
		}
		this.readAsOf = asOf[0];
		return changed;
	}

	private long snapshotXmin() {
		return jdbc().queryForObject("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class);
	}

	/**
	 * The rows read before with {@code changed} put in, in the order {@link #readRows}
	 * gives, without those over before its window.
	 */
	private Map<Long, ShiftRow> merged(List<ShiftRow> changed) {
		Instant from = this.clock.instant().minus(Duration.ofDays(this.rotation.blockDays() + 1L));
		List<ShiftRow> all = new ArrayList<>(this.rows.size() + changed.size());
		Map<Long, ShiftRow> byId = new HashMap<>(this.rows);
		changed.forEach(row -> byId.put(row.id(), row));
		for (ShiftRow row : byId.values()) {
			if (row.end().isAfter(from)) {
				all.add(row);
			}
		}
		all.sort(READ_ORDER);
		Map<Long, ShiftRow> merged = new LinkedHashMap<>();
		all.forEach(row -> merged.put(row.id(), row));
		return merged;
	}

	/** {@code order by s.starts_at, sl.label, s.id} */
	private static final Comparator<ShiftRow> READ_ORDER = Comparator.comparing(ShiftRow::start)
		.thenComparing(ShiftRow::slot)
		.thenComparingLong(ShiftRow::id);

	private static ShiftRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
		long assignee = rs.getLong(6);
		return new ShiftRow(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
				rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.wasNull() ? null : assignee,
				rs.getBoolean(7), "SCHEDULED".equals(rs.getString(8)), rs.getString(9));
	}

	/**
	 * The rotation's rows not over more than a block and a day ago: what any step may
	 * change.
	 */
	private Map<Long, ShiftRow> readRows() {
		Instant from = this.clock.instant().minus(Duration.ofDays(this.rotation.blockDays() + 1L));
		Map<Long, ShiftRow> read = new LinkedHashMap<>();
		jdbc().query("""
				select s.id, sl.label, s.local_date, s.starts_at, s.ends_at, s.assignee_id, s.shadow, s.state, s.reason
				from shift s join rotation_slot sl on sl.id = s.slot_id
				where s.rotation_id = ? and s.ends_at > ?
				order by s.starts_at, sl.label, s.id""", rs -> {
			ShiftRow row = row(rs);
			read.put(row.id(), row);
		}, this.rotation.id(), Timestamp.from(from));
		return read;
	}

	List<ShiftRow> allRows() {
		return jdbc().query("""
				select s.id, sl.label, s.local_date, s.starts_at, s.ends_at, s.assignee_id, s.shadow, s.state, s.reason
				from shift s join rotation_slot sl on sl.id = s.slot_id
				where s.rotation_id = ? order by s.starts_at, sl.label, s.id""", (rs, n) -> row(rs),
				this.rotation.id());
	}

	private JdbcTemplate jdbc() {
		return this.nodes.jdbc();
	}

	private MockHttpServletResponse api(SignedInPerson actor, String path, String json) {
		return timed("swap api", () -> callApi(actor, path, json));
	}

	private MockHttpServletResponse callApi(SignedInPerson actor, String path, String json) {
		try {
			return this.nodes.mvc()
				.perform(
						post(path).with(user(actor)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json))
				.andReturn()
				.getResponse();
		}
		catch (Exception ex) {
			throw new IllegalStateException(path + " failed", ex);
		}
	}

	private static long idOf(MockHttpServletResponse response) {
		try {
			return ((Number) JsonPath.read(response.getContentAsString(), "$.id")).longValue();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- the day's checks

	private void check() {
		Instant now = this.clock.instant();
		List<ShiftRow> current = List.copyOf(this.rows.values());
		Invariants invariants = new Invariants(this.rotation, this.people, this.nodes.bean(EligibilityPolicy.class));
		List<Violation> found = new ArrayList<>();
		found.addAll(invariants.splitBlocks(this.day, current, this.lastCause, this.checkedUntil));
		found.addAll(invariants.hardRules(this.day, current, awayFromDatabase(now), this.checkedUntil));
		LocalDate from = LocalDate.ofInstant(this.checkedUntil, this.rotation.zone()).minusDays(1);
		found.addAll(invariants.holes(this.day, current, from, this.plannedThrough, this.checkedUntil));
		found.addAll(pastRewritten(now));
		for (Violation violation : found) {
			this.violations.putIfAbsent(violation.key(), violation);
		}
		this.digests.add(digest());
		this.checkedUntil = now;
	}

	private List<Away> awayFromDatabase(Instant now) {
		Instant from = now.minus(Duration.ofDays(this.rotation.blockDays() + 1L));
		return jdbc().query("select id, person_id, kind, starts_at, ends_at from unavailability where ends_at > ?",
				(rs, n) -> {
					long id = rs.getLong(1);
					Away entered = this.away.get(id);
					return new Away(id, rs.getLong(2), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
							entered == null ? Instant.MIN : entered.enteredAt(), rs.getString(3));
				}, Timestamp.from(from));
	}

	/**
	 * What "the past" means for (d): rows over at the previous check must be exactly as
	 * they were (owner, times, state); rows started by then must keep their owner, start
	 * and state (a running shift's future part may still be handed over, which moves its
	 * end).
	 */
	private record PastView(String name, String column, String fingerprint) {
	}

	private static final List<PastView> PAST = List.of(new PastView("over", "ends_at", """
			id || ':' || coalesce(assignee_id, 0) || ':' || extract(epoch from starts_at) || ':'
			|| extract(epoch from ends_at) || ':' || state || ':' || shadow || ':' || slot_id"""),
			new PastView("started", "starts_at", """
					id || ':' || coalesce(assignee_id, 0) || ':' || extract(epoch from starts_at) || ':' || state
					|| ':' || shadow || ':' || slot_id"""));

	private final Map<String, Map<Long, String>> pastRows = new HashMap<>();

	private final Map<String, String[]> pastFingerprints = new HashMap<>();

	/**
	 * (d): one aggregate per view and day over the past rows; only when it differs from
	 * the one taken at the previous check are the rows read, to name the rewritten ones.
	 */
	private List<Violation> pastRewritten(Instant now) {
		List<Violation> found = new ArrayList<>();
		for (PastView view : PAST) {
			String column = view.column();
			String[] fingerprints = jdbc().queryForObject(
					"select count(*) filter (where " + column + " <= ?), " + "coalesce(md5(string_agg("
							+ view.fingerprint() + ", ',' order by id) filter (where " + column
							+ " <= ?)), ''), count(*) filter (where " + column + " <= ?), coalesce(md5(string_agg("
							+ view.fingerprint() + ", ',' order by id) filter (where " + column + " <= ?)), '') "
							+ "from shift where rotation_id = ?",
					(rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) },
					Timestamp.from(this.checkedUntil), Timestamp.from(this.checkedUntil), Timestamp.from(now),
					Timestamp.from(now), this.rotation.id());
			Map<Long, String> seen = this.pastRows.computeIfAbsent(view.name(), k -> new HashMap<>());
			String[] before = this.pastFingerprints.get(view.name());
			if (before != null && !(fingerprints[0].equals(before[2]) && fingerprints[1].equals(before[3]))) {
				Map<Long, String> stored = fingerprints(view, "<= ?", Timestamp.from(this.checkedUntil));
				new TreeMap<>(seen).forEach((id, was) -> {
					String is = stored.get(id);
					if (!was.equals(is)) {
						found.add(new Violation('d', "d|" + view.name() + "|" + id, this.day,
								"shift #" + id + " (" + view.name() + " at the previous check) was " + was + ", is now "
										+ (is == null ? "no longer " + view.name() : is)));
					}
				});
				stored.keySet()
					.stream()
					.filter(id -> !seen.containsKey(id))
					.forEach(id -> found.add(new Violation('d', "d|" + view.name() + "|" + id, this.day,
							"shift #" + id + " appeared in the past (" + view.name() + "): " + stored.get(id))));
			}
			this.pastFingerprints.put(view.name(), fingerprints);
			fingerprints(view, "<= ? and " + column + " > ?", Timestamp.from(now),
					Timestamp.from(this.checkedUntil.minus(Duration.ofDays(2))))
				.forEach(seen::putIfAbsent);
		}
		return found;
	}

	private Map<Long, String> fingerprints(PastView view, String condition, Object... bounds) {
		Object[] params = new Object[bounds.length + 1];
		params[0] = this.rotation.id();
		System.arraycopy(bounds, 0, params, 1, bounds.length);
		return jdbc().query("select id, " + view.fingerprint() + " from shift where rotation_id = ? and "
				+ view.column() + " " + condition + " order by id", rs -> {
					Map<Long, String> map = new TreeMap<>();
					while (rs.next()) {
						map.put(rs.getLong(1), rs.getString(2));
					}
					return map;
				}, params);
	}

	private static final String SCHEDULE_LINE = """
			sl.label || '|' || s.local_date || '|' || extract(epoch from s.starts_at) || '|'
			|| extract(epoch from s.ends_at) || '|' || coalesce(p.name, '-') || '|' || s.shadow || '|' || s.state""";

	/** (e): the whole schedule as names and times (no ids, no timestamps), hashed. */
	private String digest() {
		return jdbc().queryForObject("select coalesce(md5(string_agg(" + SCHEDULE_LINE
				+ ", ',' order by s.starts_at, sl.label, s.shadow, p.name, s.state)), '') "
				+ "from shift s join rotation_slot sl on sl.id = s.slot_id left join person p on p.id = s.assignee_id "
				+ "where s.rotation_id = ?", String.class, this.rotation.id());
	}

}
