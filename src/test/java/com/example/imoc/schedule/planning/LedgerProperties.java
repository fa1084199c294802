package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's indexed look-ups give the same answers as scanning every booking. */
class LedgerProperties {

	private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

	/**
	 * Each person's own calendar, by id: different zones, one with holidays near
	 * {@link #BASE}.
	 */
	private static final List<WorkCalendar> CALENDARS = List.of(
			WorkCalendar.of(ZoneId.of("Europe/Berlin"), Set.of(LocalDate.of(2026, 3, 3))),
			WorkCalendar.of(ZoneId.of("Australia/Sydney"), Set.of()),
			WorkCalendar.of(ZoneId.of("America/Los_Angeles"), Set.of(LocalDate.of(2026, 3, 2))));

	record Entry(long person, TimeRange range, boolean shadow, boolean released) {
	}

	record Query(long person, TimeRange shift, Duration rest, Instant at, Duration window) {
	}

	@Property(tries = 300)
	void indexedLookUpsMatchAFullScan(@ForAll("entries") List<Entry> entries, @ForAll("queries") List<Query> queries,
			@ForAll("offsets") long originMinutes) {
		Instant origin = BASE.plus(Duration.ofMinutes(originMinutes));
		Ledger ledger = new Ledger(origin, person -> CALENDARS.get((int) (person % CALENDARS.size())));
		List<Entry> kept = new ArrayList<>();
		for (Entry entry : entries) {
			ledger.book(entry.person(), entry.range(), entry.shadow());
		}
		for (Entry entry : entries) {
			if (entry.released()) {
				ledger.release(entry.person(), entry.range(), entry.shadow());
			}
		}
		for (Entry entry : entries) {
			boolean released = entries.stream()
				.anyMatch(other -> other.released() && other.person() == entry.person()
						&& other.range().equals(entry.range()) && other.shadow() == entry.shadow());
			if (!released) {
				kept.add(entry);
			}
		}
		for (Query query : queries) {
			List<Entry> mine = kept.stream().filter(entry -> entry.person() == query.person()).toList();

			boolean clashes = mine.stream()
				.anyMatch(entry -> !Ledger.restRespected(entry.range(), query.shift(), query.rest()));
			assertThat(ledger.clashes(query.person(), query.shift(), query.rest())).isEqualTo(clashes);

			Optional<Instant> lastEnd = mine.stream()
				.filter(entry -> entry.range().start().isBefore(query.at()) && !entry.range().end().isAfter(query.at()))
				.map(entry -> entry.range().end())
				.max(Instant::compareTo);
			assertThat(ledger.lastEndBefore(query.person(), query.at())).isEqualTo(lastEnd);

			FairnessLoad load = FairnessLoad.NONE;
			for (Entry entry : mine) {
				Instant start = entry.range().start();
				if (!entry.shadow() && !start.isBefore(origin) && !start.isBefore(query.at().minus(query.window()))
						&& start.isBefore(query.at().plus(query.window()))) {
					WorkCalendar.Hours off = CALENDARS.get((int) (entry.person() % CALENDARS.size()))
						.hours(entry.range().start(), entry.range().end());
					load = load.plus(new FairnessLoad(entry.range().duration(), off.weekend(), off.holiday(), 1));
				}
			}
			assertThat(ledger.onCallLoad(query.person(), query.at(), query.window())).isEqualTo(load);

			Duration shadow = mine.stream()
				.filter(entry -> entry.shadow() && !entry.range().start().isBefore(origin))
				.map(entry -> entry.range().duration())
				.reduce(Duration.ZERO, Duration::plus);
			assertThat(ledger.shadowHours(query.person())).isEqualTo(shadow);
		}
	}

	@Provide
	Arbitrary<Long> offsets() {
		return Arbitraries.longs().between(0, 10 * 24 * 60).map(minutes -> minutes / 60 * 60);
	}

	@Provide
	Arbitrary<List<Entry>> entries() {
		Arbitrary<Entry> entry = Combinators
			.combine(Arbitraries.longs().between(1, 3), ranges(), Arbitraries.of(true, false),
					Arbitraries.integers().between(0, 9))
			.as((person, range, shadow, dice) -> new Entry(person, range, shadow, dice == 0));
		return entry.list().ofMaxSize(40);
	}

	@Provide
	Arbitrary<List<Query>> queries() {
		Arbitrary<Query> query = Combinators
			.combine(Arbitraries.longs().between(1, 4), ranges(), Arbitraries.of(0, 4, 8, 30).map(Duration::ofHours),
					instants(), Arbitraries.of(1, 3, 90).map(Duration::ofDays))
			.as(Query::new);
		return query.list().ofMinSize(1).ofMaxSize(20);
	}

	private static Arbitrary<Instant> instants() {
		return Combinators.combine(Arbitraries.longs().between(0, 10 * 24), Arbitraries.of(0, 0, 0, 1, 500_000_000))
			.as((hours, nanos) -> BASE.plus(Duration.ofHours(hours)).plusNanos(nanos));
	}

	private static Arbitrary<TimeRange> ranges() {
		return Combinators
			.combine(instants(), Arbitraries.longs().between(0, 30), Arbitraries.of(0, 0, 0, 1, 999_999_999))
			.as((start, hours, nanos) -> new TimeRange(start, start.plus(Duration.ofHours(hours)).plusNanos(nanos)));
	}

}
