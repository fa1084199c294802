package com.example.imoc.web.layout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongFunction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.SignedInPerson;

/**
 * Formats instants for people at the edge (templates). The one way pages show a moment is
 * {@code ${@times.human(x)}}: in the reader's own zone (the signed-in person's; UTC for
 * nobody), as {@code Mon 30 Nov, 14:45 (Europe/London)}, with the year when it is not
 * this year's. {@code ${@times.human(x, zone)}} names another zone (a rotation's), and
 * {@code ${@times.clock(x)}} gives the reader's hours alone for the end of a span shown
 * on the same day. The model stays in UTC.
 */
@Component("times")
public class TemplateTimes {

	/** Named as people read it ("UTC", not "Z"). */
	private static final ZoneId UTC_ZONE = ZoneId.of("UTC");

	private static final String READER_ZONE = TemplateTimes.class.getName() + ".readerZone";

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter HUMAN_WITH_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
			Locale.ENGLISH);

	private final Clock clock;

	private final LongFunction<ZoneId> zoneOfPerson;

	/** Formatting for a reader nobody knows: UTC, this year by the system clock. */
	public TemplateTimes() {
		this(Clock.systemUTC(), id -> UTC_ZONE);
	}

	@Autowired
	TemplateTimes(Clock clock, PersonAccounts accounts) {
		this(clock, accounts::zone);
	}

	TemplateTimes(Clock clock, LongFunction<ZoneId> zoneOfPerson) {
		this.clock = clock;
		this.zoneOfPerson = zoneOfPerson;
	}

	/**
	 * The moment in the reader's zone: {@code Mon 30 Nov, 14:45 (Europe/London)}, or
	 * {@code Sat 14 Jun 2025, 09:00 (Europe/London)} in another year; empty for none.
	 */
	public String human(Instant instant) {
		return instant == null ? "" : human(instant, readerZone());
	}

	/** The moment in the named zone, worded as {@link #human(Instant)} does. */
	public String human(Instant instant, String zone) {
		return instant == null ? "" : human(instant, ZoneId.of(zone));
	}

	public String human(Instant instant, ZoneId zone) {
		if (instant == null) {
			return "";
		}
		ZonedDateTime at = instant.atZone(zone);
		boolean thisYear = at.getYear() == this.clock.instant().atZone(zone).getYear();
		return (thisYear ? HUMAN : HUMAN_WITH_YEAR).format(at) + " (" + zone.getId() + ")";
	}

	/**
	 * A span in the reader's zone: {@code Mon 30 Nov, 06:00–12:00 (Europe/London)}, or
	 * {@code Mon 30 Nov, 23:00 – Tue 1 Dec, 05:00 (Asia/Kolkata)} when it ends on another
	 * day.
	 */
	public String span(Instant start, Instant end) {
		if (start == null || end == null) {
			return human(start != null ? start : end);
		}
		ZoneId zone = readerZone();
		String from = human(start, zone);
		String at = from.substring(0, from.lastIndexOf(" ("));
		boolean sameDay = start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
		String to = sameDay ? "–" + CLOCK.format(end.atZone(zone)) : " – " + HUMAN.format(end.atZone(zone));
		return at + to + " (" + zone.getId() + ")";
	}

	/**
	 * The reader's hours of a span: {@code 06:00–12:00}, the end marked {@code (+1)} when
	 * it falls on the next day.
	 */
	public String hours(Instant start, Instant end) {
		ZoneId zone = readerZone();
		long days = end.atZone(zone).toLocalDate().toEpochDay() - start.atZone(zone).toLocalDate().toEpochDay();
		return CLOCK.format(start.atZone(zone)) + "–" + CLOCK.format(end.atZone(zone))
				+ (days > 0 ? " (+" + days + ")" : "");
	}

	/** The reader's hours of the moment alone: {@code 14:45}. */
	public String clock(Instant instant) {
		return instant == null ? "" : CLOCK.format(instant.atZone(readerZone()));
	}

	/**
	 * The zone of whoever reads this page: the signed-in person's, looked up once per
	 * request (from the roster's memory that every signed-in request fills anyway).
	 */
	public ZoneId readerZone() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null
				&& request.getAttribute(READER_ZONE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId remembered) {
			return remembered;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		ZoneId zone = authentication != null && authentication.getPrincipal() instanceof SignedInPerson person
				? this.zoneOfPerson.apply(person.id()) : UTC_ZONE;
		if (request != null) {
			request.setAttribute(READER_ZONE, zone, RequestAttributes.SCOPE_REQUEST);
		}
		return zone;
	}

	public String local(Instant instant, String zone) {
		return instant == null ? "" : LOCAL.format(instant.atZone(ZoneId.of(zone)));
	}

	public String clock(Instant instant, String zone) {
		return instant == null ? "" : CLOCK.format(instant.atZone(ZoneId.of(zone)));
	}

	public String zoneAbbreviation(Instant instant, String zone) {
		return DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(instant.atZone(ZoneId.of(zone)));
	}

}
