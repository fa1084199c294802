package com.example.imoc.calendar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Turns feed events into RFC 5545 bytes with ical4j. All times are UTC instants (no TZID,
 * so no VTIMEZONE needed); shifts are TRANSPARENT so a day of on-call does not show as
 * "busy".
 */
final class ICalendarWriter {

	static final String PRODUCT_ID = "-//IMOC Scheduler//Calendar feeds//EN";

	/**
	 * RFC 5545 3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line
	 * break.
	 */
	static final int MAX_LINE_OCTETS = 75;

	private ICalendarWriter() {
	}

	static byte[] write(String calendarName, Duration refreshInterval, List<FeedEvent> events) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId(PRODUCT_ID));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		calendar.add(ImmutableMethod.PUBLISH);
		calendar.add(new XProperty("X-WR-CALNAME", text(calendarName)));
		calendar.add(new Name(text(calendarName)));
		calendar.add(new XProperty("X-WR-TIMEZONE", "UTC"));
		calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), refreshInterval));
		calendar.add(new XProperty("X-PUBLISHED-TTL", refreshInterval.toString()));
		for (FeedEvent event : events) {
			calendar.add(vevent(event));
		}
		StringWriter text = new StringWriter();
		try {
			// Not validating: METHOD:PUBLISH would demand an ORGANIZER, which a schedule
			// feed has no use for.
			new CalendarOutputter(false).output(calendar, text);
		}
		catch (IOException | ValidationException ex) {
			throw new IllegalStateException("Could not write the calendar feed", ex);
		}
		return foldByOctets(text.toString());
	}

	private static VEvent vevent(FeedEvent event) {
		// false: no DTSTAMP of "now"; ours is the time of the last change.
		VEvent vevent = new VEvent(false);
		vevent.add(new Uid(event.uid()));
		vevent.add(new DtStamp(event.changedAt()));
		vevent.add(new LastModified(event.changedAt()));
		vevent.add(new Sequence(event.sequence()));
		vevent.add(new DtStart<>(event.start()));
		vevent.add(new DtEnd<>(event.end()));
		vevent.add(new Summary(text(event.summary())));
		vevent.add(new Description(text(event.description())));
		if (event.url() != null) {
			vevent.add(new Url(URI.create(event.url())));
		}
		vevent.add(ImmutableTransp.TRANSPARENT);
		vevent.add(event.cancelled() ? ImmutableStatus.VEVENT_CANCELLED
				: event.tentative() ? ImmutableStatus.VEVENT_TENTATIVE : ImmutableStatus.VEVENT_CONFIRMED);
		return vevent;
	}

	/**
	 * Text as a calendar should show it: every line break (CRLF, CR or LF) as one LF,
	 * which ical4j writes as {@code \n}, and no other control character (RFC 5545 3.3.11
	 * allows none but tab in TEXT). ical4j escapes LF, commas, semicolons and
	 * backslashes, but leaves a bare CR, which some clients take for the end of a line: a
	 * name typed with one could otherwise add a property of its own (an ATTENDEE, say) to
	 * everyone's feed.
	 */
	static String text(String value) {
		String lines = value.replace("\r\n", "\n").replace('\r', '\n');
		StringBuilder text = new StringBuilder(lines.length());
		lines.codePoints()
			.filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
			.forEach(text::appendCodePoint);
		return text.toString();
	}

	/**
	 * ical4j 4.1 folds after 73 characters, not octets, so a line with names like "Zoë
	 * Müller" can exceed 75 octets. This undoes its folds and folds again by UTF-8
	 * octets, never inside a character, with CRLF line ends.
	 */
	static byte[] foldByOctets(String ical) {
		String unfolded = ical.replace("\r\n ", "").replace("\r\n\t", "");
		ByteArrayOutputStream out = new ByteArrayOutputStream(unfolded.length() + unfolded.length() / 64 * 3);
		for (String line : unfolded.split("\r\n")) {
			int used = 0;
			for (int i = 0; i < line.length();) {
				int codePoint = line.codePointAt(i);
				byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
				if (used + bytes.length > MAX_LINE_OCTETS) {
					out.writeBytes(new byte[] { '\r', '\n', ' ' });
					used = 1;
				}
				out.writeBytes(bytes);
				used += bytes.length;
				i += Character.charCount(codePoint);
			}
			out.writeBytes(new byte[] { '\r', '\n' });
		}
		return out.toByteArray();
	}

}
