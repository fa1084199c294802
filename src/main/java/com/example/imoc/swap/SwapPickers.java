package com.example.imoc.swap;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import com.example.imoc.people.Person;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * The choices of the swap form, searched rather than listed: who could take a shift (a
 * cover) and which shifts could be taken in exchange (a swap), matching a name and a
 * first date, a page at a time. Every rule is checked only for the page asked for, so a
 * rotation of a thousand people answers as fast as one of ten, and nobody is left out: a
 * narrower search or the next page finds everyone (no cap).
 */
@Component
class SwapPickers {

	/** Longest search text; longer is refused beside the field. */
	static final int MAX_QUERY = 100;

	private final SwapRules rules;

	private final Shifts shifts;

	private final Rotations rotations;

	SwapPickers(SwapRules rules, Shifts shifts, Rotations rotations) {
		this.rules = rules;
		this.shifts = shifts;
		this.rotations = rotations;
	}

	/** One page of matches and whether more follow. */
	record Page<T>(List<T> items, boolean more) {

		static <T> Page<T> none() {
			return new Page<>(List.of(), false);
		}

	}

	/**
	 * The shift a person may offer: their own, or any for the coordinator; refused
	 * otherwise, as the form is.
	 */
	ShiftView offerable(long shiftId, SignedInPerson me) {
		ShiftView shift = this.shifts.find(shiftId).orElseThrow(() -> new SwapNotFoundException(shiftId));
		if (!me.isCoordinator() && (shift.assigneeId() == null || shift.assigneeId() != me.id())) {
			throw new AccessDeniedException("You can only offer shifts you hold.");
		}
		return shift;
	}

	/** Whether the shift can change hands at all: in time, held, not a shadow. */
	static boolean canChangeHands(ShiftView shift, SignedInPerson me, Check check) {
		return !shift.shadow() && !shift.isGap() && check.timing(shift, me.isCoordinator()).isEmpty();
	}

	/**
	 * People who could take the whole shift, by name, skipping {@code offset} matches.
	 */
	Page<Person> takers(ShiftView shift, String query, int offset, int limit, Check check) {
		List<Long> ids = this.rotations.participants(shift.rotationId())
			.stream()
			.map(Participant::personId)
			.filter(id -> !id.equals(shift.assigneeId()))
			.distinct()
			.toList();
		check.prefetch(ids);
		String[] words = words(query);
		List<Person> named = ids.stream()
			.map(check::person)
			.filter(person -> matches(person.getName(), words))
			.sorted(Comparator.comparing(Person::getName).thenComparing(Person::getId))
			.toList();
		return page(named, person -> check.problems(Move.whole(shift, person.getId(), null)).isEmpty(), offset, limit);
	}

	/**
	 * Shifts the holder of {@code shift} could take in exchange (both directions pass
	 * every rule), held by someone whose name matches, starting on or after {@code from}
	 * in the reader's zone (null: as early as allowed), in start order.
	 */
	Page<ShiftView> exchanges(ShiftView shift, boolean coordinator, String person, LocalDate from, ZoneId zone,
			int offset, int limit, Check check) {
		Rotation rotation = check.rotation(shift.rotationId());
		Instant earliest = check.now().plus(Duration.ofDays(coordinator ? 0 : rotation.freezeDays()));
		Instant start = from == null ? earliest : max(earliest, from.atStartOfDay(zone).toInstant());
		Instant until = check.now().plus(Duration.ofDays(rotation.horizonWeeks() * 7L + 7));
		String[] words = words(person);
		List<ShiftView> named = this.shifts.ofRotation(rotation.id(), start, until)
			.stream()
			.filter(other -> !other.shadow() && !other.isGap() && !other.assigneeId().equals(shift.assigneeId())
					&& other.start().isAfter(earliest) && !other.start().isBefore(start)
					&& matches(other.assigneeName(), words))
			.toList();
		Set<Long> holders = new LinkedHashSet<>();
		named.forEach(other -> holders.add(other.assigneeId()));
		holders.add(shift.assigneeId());
		check.prefetch(holders);
		return page(named, other -> check.problems(Move.whole(shift, other.assigneeId(), other)).isEmpty()
				&& check.problems(Move.whole(other, shift.assigneeId(), shift)).isEmpty(), offset, limit);
	}

	/**
	 * The page of {@code candidates} that pass, after skipping {@code offset} that pass;
	 * the rules run only until the page is full and one more is known to pass.
	 */
	private static <T> Page<T> page(List<T> candidates, Predicate<T> passes, int offset, int limit) {
		List<T> page = new ArrayList<>();
		int skipped = 0;
		for (T candidate : candidates) {
			if (!passes.test(candidate)) {
				continue;
			}
			if (skipped < offset) {
				skipped++;
			}
			else if (page.size() == limit) {
				return new Page<>(page, true);
			}
			else {
				page.add(candidate);
			}
		}
		return new Page<>(page, false);
	}

	Check check() {
		return this.rules.check();
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * Every word of the search must appear in the name, ignoring case and accents ("jose"
	 * finds "José Álvarez").
	 */
	static boolean matches(String name, String[] words) {
		String folded = fold(name);
		return Arrays.stream(words).allMatch(folded::contains);
	}

	static String[] words(String query) {
		String folded = fold(query == null ? "" : query).trim();
		return folded.isEmpty() ? new String[0] : folded.split("\\s+");
	}

	private static String fold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
	}

}
