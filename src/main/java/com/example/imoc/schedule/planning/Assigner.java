package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;
import com.example.imoc.schedule.planning.Candidate.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fills a rotation with people, fairly and deterministically: the same input always gives
 * the same output, because every collection is walked in a sorted order and ties end at
 * the person id.
 *
 * <p>
 * Hard rules, never broken: the person is eligible and has the role of the row (IMs carry
 * the pager; a reverse shadow carries it only for a whole block with an IM beside them on
 * a shadow row of every day; shadows only shadow IMs); no absence touches the shift;
 * every hour of the shift falls, in the person's own time zone, on one of their layer's
 * days, and on no Saturday or Sunday when their contract is weekdays-only
 * ({@link WorkCalendar}, the one definition of weekend work); none of their shifts
 * (shadow rows included) overlaps it or sits closer to it than the minimum rest, in
 * either direction.
 *
 * <p>
 * Among the people who pass, the lowest score wins. The score is the on-call load in the
 * fairness window as {@link FairnessLoad} weighs it: weighted hours (prior hours, fading
 * out linearly as planning moves away from the origin, plus hours booked since; weekend
 * and holiday hours in the person's own zone and region weighing 1.5), so loads even out
 * in hours whether they come in 4-hour or 6-hour slots; plus a share of the block's own
 * hours for a slot outside someone's stated preferences, half of it for someone who
 * stated none ({@link #PREFERENCE_BLOCKS}); plus up to 12 hours for having come off call
 * within the last week; minus half the block's hours for someone who never works weekends
 * (they can take only the blocks without a weekend day). Ties go to the layer with the
 * higher precedence, then to the lower person id. Within one block period the heaviest
 * slots are handed out first, so the least-loaded people take them.
 */
public final class Assigner {

	/**
	 * Strong but not absolute: someone works outside their chosen hours only when they
	 * are more than this share of the block at stake (its nominal hours) behind the
	 * people who prefer that slot and are free for it. The allowance is where loads
	 * settle between people who prefer an undersupplied slot and the rest (the one rule
	 * makes both: a larger allowance keeps more hours in preferred slots and leaves the
	 * undersupplied slot's people that much further ahead in every fairness window), so
	 * it is a fraction of a block, not the two whole blocks of 48-hour "disruption" it
	 * was (docs/SIMULATION.md, "The goals against the arithmetic"). Someone who stated no
	 * preference stands halfway: behind those who chose the slot, ahead of those who
	 * chose others.
	 */
	static final double PREFERENCE_BLOCKS = 0.5;

	/**
	 * Someone who never works weekends can take only the blocks with no weekend day (two
	 * of every seven 4-day blocks), so when such a block comes up they go first unless
	 * they are more than half the block's hours ahead: without it they lose most of those
	 * blocks to people who could have taken any, and fall about two blocks behind in a
	 * year (the 80-person simulation: weighted hours 77–91 against a mean of 126).
	 */
	private static final double WEEKEND_FREE_CREDIT_BLOCKS = 0.5;

	/**
	 * Coming off call less than a week ago costs up to half a day, fading linearly, so
	 * that among equally loaded people the one who rested longest goes next.
	 */
	private static final Duration RECENCY_HORIZON = Duration.ofDays(7);

	private static final Duration RECENCY_PENALTY = Duration.ofHours(12);

	/**
	 * Plans every (date, slot) in {@code [from, untilExclusive)} that has no stored
	 * non-shadow shift yet, so running it again on its own output plans nothing. Blocks
	 * follow the anchor grid of {@code rules}, clipped to the range; each block of a slot
	 * goes to one IM when someone can take all of its days, otherwise each day goes to
	 * the best person free that day (the one who took the day before when they can), or
	 * becomes a coverage gap. When some days of a block are already stored (the block
	 * began before {@code from}, or an earlier run cut it), whoever holds them keeps the
	 * rest when they can: a block is one assignment, however its days arrive.
	 * @param existing stored shifts; their hours from the start of {@code from} on count
	 * as load, earlier ones are expected in each candidate's prior hours
	 */
	public List<PlannedShift> extend(RotationRules rules, List<Candidate> people, List<ExistingShift> existing,
			LocalDate from, LocalDate untilExclusive) {
		ShiftClock clock = new ShiftClock(rules.zone());
		Planning planning = new Planning(rules, people, clock.startOfDay(from));
		Coverage coverage = new Coverage();
		BlockHolders holders = new BlockHolders(rules);
		for (ExistingShift shift : sorted(existing)) {
			planning.bookExisting(shift);
			if (!shift.shadow()) {
				coverage.add(shift);
				holders.add(shift);
			}
		}
		List<PlannedShift> planned = new ArrayList<>();
		for (LocalDate blockStart = rules.blockStart(from); blockStart
			.isBefore(untilExclusive); blockStart = blockStart.plusDays(rules.blockDays())) {
			List<LocalDate> days = blockStart.datesUntil(blockStart.plusDays(rules.blockDays()))
				.filter(day -> !day.isBefore(from) && day.isBefore(untilExclusive))
				.toList();
			Map<Slot, List<Need>> needsBySlot = new TreeMap<>(
					Comparator.comparing(Slot::start).thenComparing(Slot::label));
			for (Slot slot : rules.slots()) {
				List<Need> needs = days.stream()
					.map(day -> new Need(day, clock.shift(day, slot), rules.minimumRest()))
					.filter(need -> !coverage.covers(slot.label(), need.range()))
					.toList();
				if (!needs.isEmpty()) {
					needsBySlot.put(slot, needs);
				}
			}
			// Heaviest blocks first, so the least-loaded people take them: handing out
			// slots in clock
			// order would leave the last long slot to whoever is left and let hour totals
			// drift.
			needsBySlot.entrySet()
				.stream()
				.sorted(Comparator
					.comparingLong((Map.Entry<Slot, List<Need>> entry) -> -planning.weight(entry.getValue())))
				.forEachOrdered(entry -> planned.addAll(planning.planBlock(entry.getKey(), entry.getValue(),
						holders.holder(entry.getKey().label(), entry.getValue().get(0).date()))));
		}
		return planned.stream()
			.sorted(Comparator.comparing(PlannedShift::start)
				.thenComparing(PlannedShift::shadow)
				.thenComparing(PlannedShift::slot))
			.toList();
	}

	/**
	 * Mends a published schedule after the roster changed, touching as little as
	 * possible. Only shifts starting at or after {@code frozenUntil} change, and only
	 * when their assignee can no longer take them (not eligible on the shift's date,
	 * absent during the shift, its days left their layer or their contract, or gone from
	 * {@code people}); gaps after {@code frozenUntil} are tried again. The shifts to fill
	 * are taken per block and slot, as extend plans them: the person who holds the
	 * block's other days keeps the lot when they can, else one person takes all of them
	 * when someone can, else day by day (the one who took the day before first), else
	 * they are gaps. A schedule that is still valid yields no change.
	 * @param future stored shifts, including those before {@code frozenUntil} that people
	 * are working or resting from; prior hours are expected up to {@code frozenUntil}
	 */
	public List<Reassignment> repair(RotationRules rules, List<Candidate> people, List<ExistingShift> future,
			Instant frozenUntil) {
		Planning planning = new Planning(rules, people, frozenUntil);
		List<ExistingShift> shifts = sorted(future);
		shifts.forEach(planning::bookExisting);
		Map<Long, List<ExistingShift>> backupsOf = planning.backupsOfReverseShadows(shifts, frozenUntil);
		Set<Long> backupRows = backupsOf.values()
			.stream()
			.flatMap(List::stream)
			.map(ExistingShift::id)
			.collect(Collectors.toSet());
		Map<Long, Long> changedBackups = new HashMap<>();
		List<Reassignment> changes = new ArrayList<>();
		BlockHolders holders = new BlockHolders(rules);
		Map<String, List<Vacancy>> vacancies = new TreeMap<>();
		for (ExistingShift shift : shifts) {
			if (shift.start().isBefore(frozenUntil) || (shift.isGap() && shift.shadow())
					|| backupRows.contains(shift.id())) {
				if (!shift.shadow()) {
					holders.add(shift);
				}
				continue;
			}
			Need need = new Need(shift.date(), shift.range(), rules.minimumRest());
			String problem = null;
			if (!shift.isGap()) {
				Optional<String> found = planning.problemWithCurrentAssignee(shift, need);
				List<ExistingShift> backups = backupsOf.getOrDefault(shift.id(), List.of());
				if (found.isEmpty() && backupsOf.containsKey(shift.id())) {
					found = planning.keepBackedUp(shift, backups, changedBackups, changes);
				}
				else if (found.isPresent()) {
					// The shift goes to an IM (or becomes a gap): nobody needs to sit
					// beside it any more.
					planning.dropBackups(backups, "the reverse shadow beside them no longer holds the shift",
							changedBackups, changes);
				}
				if (found.isEmpty()) {
					if (!shift.shadow()) {
						holders.add(shift);
					}
					continue;
				}
				problem = found.get();
				planning.release(shift);
				if (shift.shadow()) {
					changes.add(new Reassignment(shift.id(), null, "shadow removed: " + problem));
					continue;
				}
			}
			// Keyed by block start, then slot: blocks are filled in time order, like
			// extend plans them.
			vacancies.computeIfAbsent(rules.blockStart(need.date()) + " " + shift.slot(), key -> new ArrayList<>())
				.add(new Vacancy(shift, need, problem));
		}
		for (List<Vacancy> block : vacancies.values()) {
			String slot = block.get(0).shift().slot();
			List<Need> needs = block.stream().map(Vacancy::need).toList();
			// Repairs hand the pager to IMs only: a reverse shadow takes whole blocks
			// planned with an IM beside them.
			List<Pick> picks = planning.staff(slot, needs, holders.holder(slot, needs.get(0).date()), Seat.PAGER)
				.picks();
			for (int i = 0; i < block.size(); i++) {
				Vacancy vacancy = block.get(i);
				Pick pick = picks.get(i);
				if (vacancy.problem() == null) {
					if (pick != null) {
						changes.add(new Reassignment(vacancy.shift().id(), pick.person().personId(),
								"gap filled: " + pick.reason()));
					}
				}
				else if (pick != null) {
					changes.add(new Reassignment(vacancy.shift().id(), pick.person().personId(),
							vacancy.problem() + "; " + pick.reason()));
				}
				else {
					changes.add(new Reassignment(vacancy.shift().id(), null,
							vacancy.problem() + "; " + planning.gapReason(Seat.PAGER, vacancy.need())));
				}
			}
		}
		return changes;
	}

	/**
	 * A stored shift repair must fill: a gap, or one whose assignee can no longer take it
	 * ({@code problem}).
	 */
	private record Vacancy(ExistingShift shift, Need need, String problem) {
	}

	/**
	 * Cancels the shadow rows starting in {@code [now, frozenUntil)} whose holder can no
	 * longer ride along (away, no longer eligible, left): {@link #repair} leaves the
	 * freeze window alone because handing a pager over at short notice is the
	 * coordinator's call, but a shadow row carries no pager, so dropping it late leaves
	 * nobody uncovered, and a trainee off sick must not be expected on a call. Shadow
	 * rows are never refilled here.
	 */
	public List<Reassignment> releaseFrozenShadows(RotationRules rules, List<Candidate> people,
			List<ExistingShift> shifts, Instant now, Instant frozenUntil) {
		Planning planning = new Planning(rules, people, frozenUntil);
		List<ExistingShift> ordered = sorted(shifts);
		ordered.forEach(planning::bookExisting);
		List<Reassignment> changes = new ArrayList<>();
		for (ExistingShift shift : ordered) {
			if (!shift.shadow() || shift.isGap() || shift.start().isBefore(now)
					|| !shift.start().isBefore(frozenUntil)) {
				continue;
			}
			Need need = new Need(shift.date(), shift.range(), rules.minimumRest());
			planning.problemWithCurrentAssignee(shift, need)
				.ifPresent(problem -> changes.add(new Reassignment(shift.id(), null, "shadow removed: " + problem)));
		}
		return changes;
	}

	private static List<ExistingShift> sorted(List<ExistingShift> shifts) {
		return shifts.stream()
			.sorted(Comparator.comparing(ExistingShift::start).thenComparingLong(ExistingShift::id))
			.toList();
	}

	/** One (date, slot) to fill, with the bounds the hard-rule checks compare against. */
	private static final class Need {

		private final LocalDate date;

		private final TimeRange range;

		private final Instant start;

		private final Instant end;

		private final long startSecond;

		private final int startNano;

		private final long endSecond;

		private final int endNano;

		private final long epochDay;

		/**
		 * A booking that ends after this and starts before {@link #endPlusRest} overlaps
		 * the shift or breaks the rest.
		 */
		private final Instant startMinusRest;

		private final Instant endPlusRest;

		/**
		 * {@link WorkCalendar#daysTouched} per zone of the run, filled when first asked;
		 * -1 until then.
		 */
		private int[] daysTouched;

		Need(LocalDate date, TimeRange range, Duration rest) {
			this.date = date;
			this.range = range;
			this.start = range.start();
			this.end = range.end();
			this.startSecond = start.getEpochSecond();
			this.startNano = start.getNano();
			this.endSecond = end.getEpochSecond();
			this.endNano = end.getNano();
			this.epochDay = date.toEpochDay();
			this.startMinusRest = start.minus(rest);
			this.endPlusRest = end.plus(rest);
		}

		LocalDate date() {
			return date;
		}

		/** The local days of the week the shift has time on in {@code zones[zone]}. */
		int daysTouched(int zone, WorkCalendar[] zones) {
			if (daysTouched == null) {
				daysTouched = new int[zones.length];
				Arrays.fill(daysTouched, -1);
			}
			int days = daysTouched[zone];
			if (days < 0) {
				days = zones[zone].daysTouched(start, end);
				daysTouched[zone] = days;
			}
			return days;
		}

		TimeRange range() {
			return range;
		}

	}

	/**
	 * Stored non-shadow shifts per slot label, to find the (date, slot) pairs already
	 * planned.
	 */
	private static final class Coverage {

		private final Map<String, NavigableMap<Instant, List<TimeRange>>> bySlot = new TreeMap<>();

		void add(ExistingShift shift) {
			bySlot.computeIfAbsent(shift.slot(), label -> new TreeMap<>())
				.computeIfAbsent(shift.start(), start -> new ArrayList<>())
				.add(shift.range());
		}

		boolean covers(String slot, TimeRange range) {
			NavigableMap<Instant, List<TimeRange>> stored = bySlot.get(slot);
			if (stored == null) {
				return false;
			}
			// Stored shifts of one slot are at most a couple of days long, so looking
			// back two days
			// finds every one that can overlap.
			return stored.subMap(range.start().minus(Duration.ofDays(2)), true, range.end(), false)
				.values()
				.stream()
				.flatMap(List::stream)
				.anyMatch(range::overlaps);
		}

	}

	/**
	 * Who holds the stored days of each (block, slot): the person with the most of them,
	 * ties to the lower id. Days planned later in the same block go to them first, so a
	 * block cut by a run (or mended by repair) stays one person's.
	 */
	private static final class BlockHolders {

		private final RotationRules rules;

		private final Map<String, Map<Long, Integer>> daysHeld = new HashMap<>();

		BlockHolders(RotationRules rules) {
			this.rules = rules;
		}

		void add(ExistingShift shift) {
			if (!shift.isGap()) {
				daysHeld.computeIfAbsent(key(shift.slot(), shift.date()), key -> new TreeMap<>())
					.merge(shift.assigneeId(), 1, Integer::sum);
			}
		}

		/**
		 * The holder of the block containing {@code date} in this slot, or null when
		 * nobody holds a day of it.
		 */
		Long holder(String slot, LocalDate date) {
			Map<Long, Integer> held = daysHeld.get(key(slot, date));
			if (held == null) {
				return null;
			}
			Long holder = null;
			int most = 0;
			for (Map.Entry<Long, Integer> entry : held.entrySet()) {
				if (entry.getValue() > most) {
					holder = entry.getKey();
					most = entry.getValue();
				}
			}
			return holder;
		}

		private String key(String slot, LocalDate date) {
			return rules.blockStart(date) + " " + slot;
		}

	}

	private record Pick(Candidate person, String reason) {
	}

	/** The places on a shift and which roles may take them. */
	private enum Seat {

		/** The pager, alone: an IM (single days, repairs). */
		PAGER,
		/**
		 * The pager for a whole block: an IM, or a reverse shadow once an IM is found to
		 * sit beside them.
		 */
		BLOCK,
		/** Beside a reverse shadow, on a shadow row: the IM they can lean on. */
		BACKUP,
		/** Riding along with an IM, on a shadow row: a trainee. */
		SHADOW;

		boolean admits(Role role) {
			return switch (this) {
				case PAGER, BACKUP -> role == Role.IM;
				case BLOCK -> role == Role.IM || role == Role.REVERSE_SHADOW;
				case SHADOW -> role == Role.SHADOW;
			};
		}

		/**
		 * The seat a stored row's current holder sits in: what their row and their role
		 * say.
		 */
		static Seat of(boolean shadowRow, Role role) {
			if (shadowRow) {
				return role == Role.IM ? BACKUP : SHADOW;
			}
			return role == Role.REVERSE_SHADOW ? BLOCK : PAGER;
		}

	}

	/** Why people were left out of a decision, by cause, in a stable order. */
	private static final class Exclusions {

		private final Map<String, int[]> byCause = new HashMap<>();

		void add(String cause) {
			int[] count = byCause.get(cause);
			if (count == null) {
				byCause.put(cause, new int[] { 1 });
			}
			else {
				count[0]++;
			}
		}

		boolean isEmpty() {
			return byCause.isEmpty();
		}

		@Override
		public String toString() {
			return new TreeMap<>(byCause).entrySet()
				.stream()
				.map(entry -> entry.getValue()[0] + " " + entry.getKey())
				.collect(Collectors.joining(", "));
		}

	}

	/**
	 * A roster entry with everything the hard-rule checks and the score read, resolved
	 * once per run: the layer and its days as a bit set, absences sorted by start with
	 * the running maximum of their ends, and a live handle on the person's bookings.
	 */
	private static final class Person {

		private final Candidate candidate;

		private final long id;

		private final boolean eligible;

		/**
		 * Epoch day of {@link Candidate#eligibleFrom()}, or {@code Long.MIN_VALUE} when
		 * it is null.
		 */
		private final long eligibleFromDay;

		private final Role role;

		private final boolean hasPreferences;

		/**
		 * Bit i set when the person prefers {@code rules.slots().get(i)} (first 64
		 * slots).
		 */
		private final long preferredSlotMask;

		private final Layer layer;

		/**
		 * The layer's days as {@link WorkCalendar#dayBits}, judged in the person's own
		 * zone.
		 */
		private final int dayMask;

		private final boolean weekdaysOnly;

		/**
		 * The person never holds a weekend hour (a weekdays-only contract, or a layer
		 * without Saturday and Sunday): only blocks with no weekend day are theirs to
		 * take.
		 */
		private final boolean weekendFree;

		/** Index of the person's zone in the run's {@code zones}. */
		private final int zone;

		private final int precedence;

		/** Position in the roster, in id order; indexes {@link Absences}. */
		private final int index;

		private final long priorSeconds;

		private final long priorWeekendSeconds;

		private final long priorHolidaySeconds;

		private final Ledger.Bookings bookings;

		Person(Candidate candidate, int index, int zone, RotationRules rules, Ledger ledger) {
			this.candidate = candidate;
			this.index = index;
			this.id = candidate.personId();
			this.eligible = candidate.eligible();
			this.eligibleFromDay = candidate.eligibleFrom() == null ? Long.MIN_VALUE
					: candidate.eligibleFrom().toEpochDay();
			this.role = candidate.role();
			this.hasPreferences = candidate.hasPreferences();
			long preferred = 0;
			for (int i = 0; i < Math.min(64, rules.slots().size()); i++) {
				if (candidate.prefers(rules.slots().get(i).label())) {
					preferred |= 1L << i;
				}
			}
			this.preferredSlotMask = preferred;
			this.layer = rules.layer(candidate.layer()).orElse(null);
			this.dayMask = layer == null ? 0 : WorkCalendar.dayBits(layer.days());
			this.weekdaysOnly = candidate.weekdaysOnly();
			this.weekendFree = this.weekdaysOnly || (this.dayMask & WorkCalendar.WEEKEND_DAYS) == 0;
			this.zone = zone;
			this.precedence = layer == null ? Integer.MIN_VALUE : layer.precedence();
			this.priorSeconds = candidate.priorHours().toSeconds();
			this.priorWeekendSeconds = candidate.priorWeekendHours().toSeconds();
			this.priorHolidaySeconds = candidate.priorHolidayHours().toSeconds();
			this.bookings = ledger.of(id);
		}

		boolean prefers(String slot, int slotIndex) {
			return slotIndex >= 0 ? (preferredSlotMask & (1L << slotIndex)) != 0 : candidate.prefers(slot);
		}

	}

	/**
	 * Everyone's absences in flat arrays, person by person in roster order, each person's
	 * sorted by start with the running maximum of their ends; instants as epoch seconds
	 * and nanos.
	 */
	private static final class Absences {

		private final int[] first;

		private final long[] startSeconds;

		private final int[] startNanos;

		private final long[] maxEndSeconds;

		private final int[] maxEndNanos;

		Absences(List<Candidate> roster) {
			int total = roster.stream().mapToInt(candidate -> candidate.unavailable().size()).sum();
			first = new int[roster.size() + 1];
			startSeconds = new long[total];
			startNanos = new int[total];
			maxEndSeconds = new long[total];
			maxEndNanos = new int[total];
			int next = 0;
			for (int p = 0; p < roster.size(); p++) {
				first[p] = next;
				List<TimeRange> absences = new ArrayList<>(roster.get(p).unavailable());
				absences.sort(Comparator.comparing(TimeRange::start));
				Instant maxEnd = null;
				for (TimeRange absence : absences) {
					if (maxEnd == null || absence.end().isAfter(maxEnd)) {
						maxEnd = absence.end();
					}
					startSeconds[next] = absence.start().getEpochSecond();
					startNanos[next] = absence.start().getNano();
					maxEndSeconds[next] = maxEnd.getEpochSecond();
					maxEndNanos[next] = maxEnd.getNano();
					next++;
				}
			}
			first[roster.size()] = next;
		}

		/**
		 * Same answer as {@link Candidate#isUnavailableDuring} for {@code [start, end)}:
		 * some absence starts before the end and ends after the start.
		 */
		boolean overlaps(int person, long startSecond, int startNano, long endSecond, int endNano) {
			int from = first[person];
			int low = from;
			int high = first[person + 1];
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (isBefore(startSeconds[mid], startNanos[mid], endSecond, endNano)) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low > from && isBefore(startSecond, startNano, maxEndSeconds[low - 1], maxEndNanos[low - 1]);
		}

		private static boolean isBefore(long aSecond, int aNano, long bSecond, int bNano) {
			return aSecond < bSecond || (aSecond == bSecond && aNano < bNano);
		}

	}

	/** The parts of the score that are the same for every candidate of one decision. */
	private static final class ScoreContext {

		private final Instant at;

		private final Instant windowStart;

		private final Instant windowEnd;

		private final long remaining;

		private final long windowSeconds;

		private final int slotIndex;

		/**
		 * What a slot outside someone's preferences adds, in minutes: a share of this
		 * slot's block.
		 */
		private final long preferencePenalty;

		/** What someone who never works weekends is credited, in minutes. */
		private final long weekendFreeCredit;

		ScoreContext(Instant at, Instant origin, Duration window, int slotIndex, long preferencePenalty,
				long weekendFreeCredit) {
			this.at = at;
			this.slotIndex = slotIndex;
			this.preferencePenalty = preferencePenalty;
			this.weekendFreeCredit = weekendFreeCredit;
			this.windowStart = at.minus(window);
			this.windowEnd = at.plus(window);
			this.windowSeconds = window.toSeconds();
			long elapsed = Math.max(0, Duration.between(origin, at).toSeconds());
			this.remaining = Math.max(0, windowSeconds - elapsed);
		}

	}

	/** State of one run: the rules, the roster and the growing ledger of bookings. */
	private static final class Planning {

		private static final long NANOS_PER_SECOND = 1_000_000_000L;

		private static final long RECENCY_HORIZON_MINUTES = RECENCY_HORIZON.toMinutes();

		private static final long RECENCY_PENALTY_MINUTES = RECENCY_PENALTY.toMinutes();

		private final RotationRules rules;

		private final Map<Long, Candidate> people = new TreeMap<>();

		private final Map<Long, Person> byId = new HashMap<>();

		/** Every person in id order, and the shadows among them. */
		private final Person[] roster;

		private final Person[] shadowRoster;

		private final Absences absences;

		/**
		 * Every zone the roster lives in, so that a shift's local days are worked out
		 * once per zone.
		 */
		private final WorkCalendar[] zones;

		/**
		 * The rotation's own zone, without holidays: which slots weigh most does not
		 * depend on who takes them.
		 */
		private final WorkCalendar rotationCalendar;

		private final Instant origin;

		private final Ledger ledger;

		private final Duration meanSlotLength;

		private final long meanSlotSeconds;

		Planning(RotationRules rules, List<Candidate> roster, Instant origin) {
			this.rules = rules;
			this.origin = origin;
			this.ledger = new Ledger(origin, this::calendarOf);
			this.rotationCalendar = WorkCalendar.of(rules.zone(), Set.of());
			this.meanSlotLength = rules.slots()
				.stream()
				.map(Slot::nominalLength)
				.reduce(Duration.ZERO, Duration::plus)
				.dividedBy(rules.slots().size());
			this.meanSlotSeconds = meanSlotLength.toSeconds();
			for (Candidate candidate : roster) {
				if (people.put(candidate.personId(), candidate) != null) {
					throw new IllegalArgumentException("person " + candidate.personId() + " appears twice");
				}
			}
			List<Person> all = new ArrayList<>(people.size());
			List<Person> shadows = new ArrayList<>();
			Map<ZoneId, Integer> zoneIndex = new HashMap<>();
			List<WorkCalendar> zoneList = new ArrayList<>();
			for (Candidate candidate : people.values()) {
				int zone = zoneIndex.computeIfAbsent(candidate.calendar().zone(), id -> {
					zoneList.add(WorkCalendar.of(id, Set.of()));
					return zoneList.size() - 1;
				});
				Person person = new Person(candidate, all.size(), zone, rules, ledger);
				all.add(person);
				byId.put(person.id, person);
				if (candidate.role() == Role.SHADOW) {
					shadows.add(person);
				}
			}
			this.roster = all.toArray(new Person[0]);
			this.zones = zoneList.toArray(new WorkCalendar[0]);
			this.absences = new Absences(new ArrayList<>(people.values()));
			this.shadowRoster = shadows.toArray(new Person[0]);
		}

		long weight(List<Need> needs) {
			return needs.stream().map(need -> {
				WorkCalendar.Hours off = rotationCalendar.hours(need.start, need.end);
				return new FairnessLoad(need.range().duration(), off.weekend(), off.holiday(), 1);
			}).reduce(FairnessLoad.NONE, FairnessLoad::plus).scoreMinutes();
		}

		/**
		 * The person's own calendar; people outside the roster (shifts they hold
		 * elsewhere) are judged in UTC.
		 */
		private WorkCalendar calendarOf(long personId) {
			Candidate candidate = people.get(personId);
			return candidate == null ? WorkCalendar.UTC : candidate.calendar();
		}

		void bookExisting(ExistingShift shift) {
			if (!shift.isGap()) {
				ledger.book(shift.assigneeId(), shift.range(), shift.shadow());
			}
		}

		void release(ExistingShift shift) {
			ledger.release(shift.assigneeId(), shift.range(), shift.shadow());
		}

		/**
		 * Staffs the needs of one block and slot (see {@link #staff}), with an IM beside
		 * a reverse shadow, and adds a shadow.
		 */
		List<PlannedShift> planBlock(Slot slot, List<Need> needs, Long holderId) {
			Staffing staffing = staff(slot.label(), needs, holderId, Seat.BLOCK);
			List<PlannedShift> imShifts = new ArrayList<>();
			for (int i = 0; i < needs.size(); i++) {
				Need need = needs.get(i);
				Pick pick = staffing.picks().get(i);
				imShifts.add(pick == null ? gap(slot, need)
						: new PlannedShift(slot.label(), pick.person().layer(), need.date(), need.range().start(),
								need.range().end(), pick.person().personId(), false, pick.reason()));
			}
			List<PlannedShift> all = new ArrayList<>(imShifts);
			if (staffing.backup() != null) {
				all.addAll(ride(staffing.backup(), imShifts, "beside reverse shadow "));
			}
			all.addAll(shadows(imShifts));
			return all;
		}

		/**
		 * The picks for each need of a block (null where nobody), and the IM beside a
		 * reverse shadow, if one holds it.
		 */
		record Staffing(List<Pick> picks, Person backup) {
		}

		/**
		 * Picks (and books) someone for each need of one slot within one block, in date
		 * order; null where nobody can take it. The block's holder (who holds its other
		 * days) keeps it when they can take every need; else the fairest person who can
		 * take every need; else day by day, where whoever took the day before (or the
		 * holder) stays on when they can, so a block is cut only where it must be. The
		 * holder is chosen outright rather than by score: their own days in the block
		 * would count against them as recent on-call time, and a block is one assignment.
		 * With {@code seat} BLOCK a reverse shadow may take a whole block when an IM is
		 * free to sit beside them on every day of it; single days always go to IMs.
		 */
		Staffing staff(String slot, List<Need> needs, Long holderId, Seat seat) {
			boolean[] restBetween = restBetween(needs);
			Person holder = holderId == null ? null : byId.get(holderId);
			Pick whole = null;
			Person backup = null;
			if (holder != null && exclusionForAll(holder, seat, needs, restBetween) == null) {
				Person beside = holder.role == Role.REVERSE_SHADOW ? lightest(roster, Seat.BACKUP, needs, restBetween)
						: null;
				if (holder.role != Role.REVERSE_SHADOW || beside != null) {
					whole = new Pick(holder.candidate, "keeps their block (holds its other days)");
					backup = beside;
				}
			}
			if (whole == null) {
				Exclusions exclusions = new Exclusions();
				List<Person> wholeBlock = new ArrayList<>(roster.length);
				for (Person person : roster) {
					String cause = exclusionForAll(person, seat, needs, restBetween);
					if (cause == null) {
						wholeBlock.add(person);
					}
					else {
						exclusions.add(cause);
					}
				}
				while (whole == null && !wholeBlock.isEmpty()) {
					Pick best = choose(wholeBlock, slot, needs.get(0).range().start(), exclusions);
					if (best.person().role() == Role.REVERSE_SHADOW) {
						backup = lightest(roster, Seat.BACKUP, needs, restBetween);
						if (backup == null) {
							wholeBlock.remove(byId.get(best.person().personId()));
							exclusions.add("reverse shadow with no IM free beside them");
							continue;
						}
						best = new Pick(best.person(),
								best.reason() + "; reverse shadow, " + backup.candidate.name() + " beside them");
					}
					whole = best;
				}
			}
			List<Pick> picks = new ArrayList<>(needs.size());
			if (whole != null) {
				for (Need need : needs) {
					book(whole, need);
					picks.add(whole);
				}
				return new Staffing(picks, backup);
			}
			Person previous = holder != null && holder.role == Role.IM ? holder : null;
			for (Need need : needs) {
				Pick pick;
				if (previous != null && exclusion(previous, Seat.PAGER, need, true) == null) {
					pick = new Pick(previous.candidate,
							"no one free for the whole block; stays on from the day before");
				}
				else {
					pick = fillSingle(slot, need)
						.map(single -> new Pick(single.person(), "no one free for the whole block; " + single.reason()))
						.orElse(null);
				}
				if (pick != null) {
					book(pick, need);
					previous = byId.get(pick.person().personId());
				}
				picks.add(pick);
			}
			return new Staffing(picks, null);
		}

		Optional<Pick> fillSingle(String slot, Need need) {
			Exclusions exclusions = new Exclusions();
			List<Person> free = new ArrayList<>();
			for (Person person : roster) {
				String cause = exclusion(person, Seat.PAGER, need, true);
				if (cause == null) {
					free.add(person);
				}
				else {
					exclusions.add(cause);
				}
			}
			if (free.isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(choose(free, slot, need.range().start(), exclusions));
		}

		Optional<String> problemWithCurrentAssignee(ExistingShift shift, Need need) {
			Person current = byId.get(shift.assigneeId());
			if (current == null) {
				return Optional.of("person " + shift.assigneeId() + " left the rotation");
			}
			return Optional.ofNullable(exclusion(current, Seat.of(shift.shadow(), current.role), need, false))
				.map(cause -> current.candidate.name() + ": " + cause);
		}

		/**
		 * The IM shadow rows beside each live primary shift a reverse shadow holds (same
		 * slot, overlapping), for shifts from {@code frozenUntil} on; repair handles them
		 * with their shift.
		 */
		Map<Long, List<ExistingShift>> backupsOfReverseShadows(List<ExistingShift> shifts, Instant frozenUntil) {
			Map<Long, List<ExistingShift>> backups = new TreeMap<>();
			List<ExistingShift> imShadowRows = shifts.stream()
				.filter(shift -> shift.shadow() && !shift.isGap() && !shift.start().isBefore(frozenUntil))
				.filter(shift -> byId.containsKey(shift.assigneeId()) && byId.get(shift.assigneeId()).role == Role.IM)
				.toList();
			for (ExistingShift shift : shifts) {
				Person holder = shift.shadow() || shift.isGap() ? null : byId.get(shift.assigneeId());
				if (holder != null && holder.role == Role.REVERSE_SHADOW && !shift.start().isBefore(frozenUntil)) {
					backups.put(shift.id(),
							imShadowRows.stream()
								.filter(row -> row.slot().equals(shift.slot()) && row.range().overlaps(shift.range()))
								.toList());
				}
			}
			return backups;
		}

		/**
		 * Keeps an IM beside a reverse shadow's shift: fine while one of its backup rows
		 * still has a valid IM; otherwise the first row goes to the lightest IM free for
		 * it, or, when there is none, every backup row goes and the answer is why the
		 * shift must go to an IM instead. {@code changed} remembers backup rows already
		 * changed in this repair (null: removed).
		 */
		Optional<String> keepBackedUp(ExistingShift primary, List<ExistingShift> backups, Map<Long, Long> changed,
				List<Reassignment> changes) {
			List<ExistingShift> broken = new ArrayList<>();
			boolean covered = false;
			for (ExistingShift row : backups) {
				boolean valid = changed.containsKey(row.id()) ? changed.get(row.id()) != null
						: problemWithCurrentAssignee(row, need(row)).isEmpty();
				boolean coversWhole = !row.start().isAfter(primary.start()) && !row.end().isBefore(primary.end());
				if (valid && coversWhole) {
					covered = true;
				}
				else if (!valid && !changed.containsKey(row.id())) {
					broken.add(row);
				}
			}
			String trainee = people.get(primary.assigneeId()).name();
			if (covered) {
				dropBackups(broken, "another IM sits beside " + trainee, changed, changes);
				return Optional.empty();
			}
			broken.forEach(this::release);
			for (ExistingShift row : broken) {
				Need need = need(row);
				boolean[] noRest = new boolean[1];
				Person replacement = !row.start().isAfter(primary.start()) && !row.end().isBefore(primary.end())
						? lightest(roster, Seat.BACKUP, List.of(need), noRest) : null;
				if (replacement != null) {
					ledger.book(replacement.id, row.range(), true);
					changed.put(row.id(), replacement.id);
					changes.add(new Reassignment(row.id(), replacement.id,
							problemWithCurrentAssignee(row, need).orElse("no IM beside " + trainee)
									+ "; beside reverse shadow " + trainee));
					broken.stream().filter(other -> other != row).forEach(other -> {
						changed.put(other.id(), null);
						changes.add(new Reassignment(other.id(), null,
								"shadow removed: another IM sits beside " + trainee));
					});
					return Optional.empty();
				}
			}
			for (ExistingShift row : broken) {
				changed.put(row.id(), null);
				changes.add(new Reassignment(row.id(), null, "shadow removed: no IM is free beside " + trainee));
			}
			return Optional.of(trainee + ": reverse shadow with no IM free beside them");
		}

		/**
		 * Removes backup rows nobody needs (their time released first, so their IM may
		 * take the shift itself).
		 */
		void dropBackups(List<ExistingShift> rows, String why, Map<Long, Long> changed, List<Reassignment> changes) {
			for (ExistingShift row : rows) {
				if (changed.containsKey(row.id()) && changed.get(row.id()) == null) {
					continue;
				}
				if (changed.containsKey(row.id())) {
					ledger.release(changed.get(row.id()), row.range(), true);
				}
				else {
					release(row);
				}
				changed.put(row.id(), null);
				changes.add(new Reassignment(row.id(), null, "shadow removed: " + why));
			}
		}

		private Need need(ExistingShift shift) {
			return new Need(new ShiftClock(rules.zone()).dateOf(shift.start()), shift.range(), rules.minimumRest());
		}

		String gapReason(Seat seat, Need need) {
			if (people.isEmpty()) {
				return "no eligible person: the roster is empty";
			}
			Exclusions exclusions = new Exclusions();
			for (Person person : roster) {
				String cause = exclusion(person, seat, need, true);
				if (cause != null) {
					exclusions.add(cause);
				}
			}
			return "no eligible person: " + exclusions;
		}

		void book(Pick pick, Need need) {
			ledger.book(pick.person().personId(), need.range(), false);
		}

		private PlannedShift gap(Slot slot, Need need) {
			return new PlannedShift(slot.label(), rules.gapLayer(need.date().getDayOfWeek()).name(), need.date(),
					need.range().start(), need.range().end(), null, false, gapReason(Seat.PAGER, need));
		}

		/**
		 * One shadow for the days of the block that have an IM, if anyone can ride along
		 * on all of them.
		 */
		private List<PlannedShift> shadows(List<PlannedShift> imShifts) {
			List<PlannedShift> staffed = imShifts.stream()
				.filter(shift -> !shift.isGap() && byId.get(shift.assigneeId()).role == Role.IM)
				.toList();
			if (staffed.isEmpty()) {
				return List.of();
			}
			List<Need> needs = staffed.stream()
				.map(shift -> new Need(shift.date(), shift.range(), rules.minimumRest()))
				.toList();
			Person shadow = lightest(shadowRoster, Seat.SHADOW, needs, restBetween(needs));
			return shadow == null ? List.of() : ride(shadow, staffed, "shadowing ");
		}

		/**
		 * Whoever of {@code candidates} can take the seat on every need with the least
		 * shadow load (prior hours plus shadow rows booked so far), ties to the lower id;
		 * null when nobody can.
		 */
		private Person lightest(Person[] candidates, Seat seat, List<Need> needs, boolean[] restBetween) {
			Person lightest = null;
			Duration lightestLoad = null;
			for (Person person : candidates) {
				if (exclusionForAll(person, seat, needs, restBetween) != null) {
					continue;
				}
				Duration load = person.candidate.priorHours().plus(person.bookings.shadowLoad());
				if (lightest == null || load.compareTo(lightestLoad) < 0) {
					lightest = person;
					lightestLoad = load;
				}
			}
			return lightest;
		}

		/** Shadow rows for {@code person} beside each of {@code shifts}, booked. */
		private List<PlannedShift> ride(Person person, List<PlannedShift> shifts, String reason) {
			List<PlannedShift> rows = new ArrayList<>();
			for (PlannedShift primary : shifts) {
				ledger.book(person.id, primary.range(), true);
				rows.add(new PlannedShift(primary.slot(), primary.layer(), primary.date(), primary.start(),
						primary.end(), person.id, true, reason + people.get(primary.assigneeId()).name()));
			}
			return rows;
		}

		/**
		 * Whether each need after the first keeps the minimum rest after the one before
		 * it.
		 */
		private boolean[] restBetween(List<Need> needs) {
			boolean[] respected = new boolean[needs.size()];
			for (int i = 1; i < needs.size(); i++) {
				respected[i] = Ledger.restRespected(needs.get(i - 1).range(), needs.get(i).range(),
						rules.minimumRest());
			}
			return respected;
		}

		/**
		 * The first reason the person cannot take every need, checking need by need in
		 * order; null if none.
		 */
		private String exclusionForAll(Person person, Seat seat, List<Need> needs, boolean[] restBetween) {
			if (needs.size() > 1) {
				String cause = exclusionOfPerson(person, seat);
				if (cause != null) {
					return cause;
				}
				// Every need lies inside the span of the block, so when no absence and no
				// booking
				// comes near the span, only the layer's days and the rest between needs
				// can exclude.
				Need first = needs.get(0);
				Need last = needs.get(needs.size() - 1);
				if (!absences.overlaps(person.index, first.startSecond, first.startNano, last.endSecond, last.endNano)
						&& !person.bookings.clashes(first.startMinusRest, last.endPlusRest)) {
					for (int i = 0; i < needs.size(); i++) {
						if (needs.get(i).epochDay < person.eligibleFromDay) {
							return notYetEligible(person);
						}
						String days = dayExclusion(person, needs.get(i));
						if (days != null) {
							return days;
						}
						if (i > 0 && !restBetween[i]) {
							return "resting";
						}
					}
					return null;
				}
			}
			for (int i = 0; i < needs.size(); i++) {
				String cause = exclusion(person, seat, needs.get(i), true);
				if (cause != null) {
					return cause;
				}
				if (i > 0 && !restBetween[i]) {
					return "resting";
				}
			}
			return null;
		}

		/** The checks that do not depend on the shift: eligibility, role, layer. */
		private static String exclusionOfPerson(Person person, Seat seat) {
			if (!person.eligible) {
				return "not eligible";
			}
			if (!seat.admits(person.role)) {
				return switch (person.role) {
					case SHADOW -> "shadowing only";
					case REVERSE_SHADOW -> "reverse shadow";
					case IM -> "not a shadow";
				};
			}
			if (person.layer == null) {
				return "in no layer of this rotation";
			}
			return null;
		}

		/**
		 * Eligibility is judged on the shift's date: someone reaching the tenure rule
		 * later is planned from that day.
		 */
		private static String notYetEligible(Person person) {
			return "eligible from " + person.candidate.eligibleFrom();
		}

		/** Why the person cannot take the need, or null when they can. */
		private String exclusion(Person person, Seat seat, Need need, boolean checkBookings) {
			String cause = exclusionOfPerson(person, seat);
			if (cause != null) {
				return cause;
			}
			if (need.epochDay < person.eligibleFromDay) {
				return notYetEligible(person);
			}
			String days = dayExclusion(person, need);
			if (days != null) {
				return days;
			}
			if (absences.overlaps(person.index, need.startSecond, need.startNano, need.endSecond, need.endNano)) {
				return "on PTO";
			}
			if (checkBookings && person.bookings.clashes(need.startMinusRest, need.endPlusRest)) {
				return "busy or resting";
			}
			return null;
		}

		/**
		 * Whether the shift has time, in the person's own zone, on a day outside their
		 * layer (the layer's name) or on a Saturday or Sunday against a weekdays-only
		 * contract; null when neither.
		 */
		private String dayExclusion(Person person, Need need) {
			int touched = need.daysTouched(person.zone, zones);
			if ((touched & ~person.dayMask) != 0) {
				return person.layer.name();
			}
			if (person.weekdaysOnly && (touched & WorkCalendar.WEEKEND_DAYS) != 0) {
				return "weekdays-only contract";
			}
			return null;
		}

		/**
		 * The lowest score wins; ties go to the higher layer precedence, then to the
		 * lower person id.
		 */
		private Pick choose(List<Person> free, String slot, Instant at, Exclusions exclusions) {
			long blockMinutes = blockMinutes(slot);
			ScoreContext context = new ScoreContext(at, origin, rules.fairnessWindow(), slotIndex(slot),
					Math.round(blockMinutes * PREFERENCE_BLOCKS),
					Math.round(blockMinutes * WEEKEND_FREE_CREDIT_BLOCKS));
			Person bestPerson = null;
			long bestScore = 0;
			for (Person person : free) {
				long score = score(person, slot, context);
				if (bestPerson == null || score < bestScore
						|| (score == bestScore && (person.precedence > bestPerson.precedence
								|| (person.precedence == bestPerson.precedence && person.id < bestPerson.id)))) {
					bestPerson = person;
					bestScore = score;
				}
			}
			Candidate best = bestPerson.candidate;
			FairnessLoad load = load(best, at);
			StringBuilder reason = new StringBuilder("fairest of ").append(free.size())
				.append(" available: ")
				.append(hours(load.onCall()))
				.append(" on call (")
				.append(hours(load.weekend()))
				.append(" weekend");
			if (!load.holiday().isZero()) {
				reason.append(", ").append(hours(load.holiday())).append(" holiday");
			}
			reason.append(", ")
				.append(hours(Duration.ofSeconds(Math.round(load.weightedHours() * 3600))))
				.append(" weighted) within ")
				.append(rules.fairnessWindow().toDays())
				.append(" days");
			if (best.prefers(slot)) {
				reason.append("; preferred slot");
			}
			else if (best.hasPreferences()) {
				reason.append("; outside preferred slots");
			}
			if (!exclusions.isEmpty()) {
				reason.append("; ").append(exclusions);
			}
			return new Pick(best, reason.toString());
		}

		/**
		 * {@code load(candidate, at).scoreMinutes()} ({@link FairnessLoad}) plus the
		 * preference and recency terms, computed on seconds and nanos instead of
		 * {@code Duration} objects; the arithmetic is the same, so the result is too.
		 */
		private long score(Person person, String slot, ScoreContext context) {
			long priorOnCall = FairnessLoad.fade(person.priorSeconds, context.remaining, context.windowSeconds);
			long priorWeekend = FairnessLoad.fade(person.priorWeekendSeconds, context.remaining, context.windowSeconds);
			long priorHoliday = FairnessLoad.fade(person.priorHolidaySeconds, context.remaining, context.windowSeconds);

			Ledger.Bookings bookings = person.bookings;
			long onCallSeconds = 0;
			long onCallNanos = 0;
			long weekendSeconds = 0;
			long weekendNanos = 0;
			long holidaySeconds = 0;
			long holidayNanos = 0;
			for (int i = bookings.firstStartingAtOrAfter(context.windowStart); i < bookings.size(); i++) {
				Ledger.Booking booking = bookings.get(i);
				if (!booking.start.isBefore(context.windowEnd)) {
					break;
				}
				if (booking.isImLoad()) {
					onCallSeconds += booking.durationSeconds;
					onCallNanos += booking.durationNanos;
					weekendSeconds += booking.weekendSeconds;
					weekendNanos += booking.weekendNanos;
					holidaySeconds += booking.holidaySeconds;
					holidayNanos += booking.holidayNanos;
				}
			}
			long onCall = priorOnCall + onCallSeconds + Math.floorDiv(onCallNanos, NANOS_PER_SECOND);
			long weekend = priorWeekend + weekendSeconds + Math.floorDiv(weekendNanos, NANOS_PER_SECOND);
			long holiday = priorHoliday + holidaySeconds + Math.floorDiv(holidayNanos, NANOS_PER_SECOND);
			long score = FairnessLoad.scoreMinutes(onCall, weekend, holiday);

			if (!person.hasPreferences) {
				score += context.preferencePenalty / 2;
			}
			else if (!person.prefers(slot, context.slotIndex)) {
				score += context.preferencePenalty;
			}
			if (person.weekendFree) {
				score -= context.weekendFreeCredit;
			}
			Instant lastEnd = bookings.lastEndBefore(context.at);
			if (lastEnd != null) {
				long seconds = context.at.getEpochSecond() - lastEnd.getEpochSecond();
				if (context.at.getNano() < lastEnd.getNano()) {
					seconds--;
				}
				long sinceMinutes = seconds / 60;
				if (sinceMinutes < RECENCY_HORIZON_MINUTES) {
					score += RECENCY_PENALTY_MINUTES * (RECENCY_HORIZON_MINUTES - sinceMinutes)
							/ RECENCY_HORIZON_MINUTES;
				}
			}
			return score;
		}

		private FairnessLoad load(Candidate candidate, Instant at) {
			Duration window = rules.fairnessWindow();
			long elapsed = Math.max(0, Duration.between(origin, at).toSeconds());
			long remaining = Math.max(0, window.toSeconds() - elapsed);
			FairnessLoad prior = new FairnessLoad(candidate.priorHours(), candidate.priorWeekendHours(),
					candidate.priorHolidayHours(), 0)
				.faded(remaining, window.toSeconds(), meanSlotSeconds);
			return prior.plus(ledger.onCallLoad(candidate.personId(), at, window));
		}

		/**
		 * The nominal minutes of a whole block of the slot: what the preference allowance
		 * and the weekend-free credit are shares of.
		 */
		private long blockMinutes(String label) {
			for (Slot slot : rules.slots()) {
				if (slot.label().equals(label)) {
					return slot.nominalLength().toMinutes() * rules.blockDays();
				}
			}
			return meanSlotLength.toMinutes() * rules.blockDays();
		}

		/**
		 * Position of the slot in {@code rules.slots()} if it is among the first 64, else
		 * -1.
		 */
		private int slotIndex(String label) {
			List<Slot> slots = rules.slots();
			for (int i = 0; i < Math.min(64, slots.size()); i++) {
				if (slots.get(i).label().equals(label)) {
					return i;
				}
			}
			return -1;
		}

		private static String hours(Duration duration) {
			long minutes = duration.toMinutes();
			return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
		}

	}

}
