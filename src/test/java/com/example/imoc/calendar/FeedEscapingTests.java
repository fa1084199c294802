package com.example.imoc.calendar;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import com.example.imoc.people.Person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Names people and coordinators type end up in feeds: person names (the feed's own and
 * the handover contact's), rotation, slot and layer names. Whatever they contain, a feed
 * keeps them as text: no line of its own (CR, LF or both), commas, semicolons and
 * backslashes escaped, so ical4j reads back exactly what was typed and no calendar client
 * ever sees a property the app did not write.
 */
@FeedTest
class FeedEscapingTests extends FeedTestSupport {

	/**
	 * Markup, a CRLF, a bare CR and a bare LF each followed by a property, iCalendar's
	 * special characters.
	 */
	static final String HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> x\r\nATTENDEE:mailto:evil@x"
			+ " y\rATTENDEE:mailto:evil@y z\nATTENDEE:mailto:evil@z\n ORGANIZER:mailto:evil@folded a,b;c\\d \\n\\, \u0007bell";

	/** What a calendar shows: line breaks as LF, other control characters gone. */
	static final String AS_SHOWN = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> x\nATTENDEE:mailto:evil@x"
			+ " y\nATTENDEE:mailto:evil@y z\nATTENDEE:mailto:evil@z\n ORGANIZER:mailto:evil@folded a,b;c\\d \\n\\, bell";

	/** Every property a feed is made of; anything else in the output was injected. */
	private static final Set<String> OURS = Set.of("BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "METHOD",
			"X-WR-CALNAME", "NAME", "X-WR-TIMEZONE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID", "DTSTAMP",
			"LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "TRANSP", "STATUS");

	record Hostile(Person holder, Person next, TestSchedule.TestRotation rotation, long mine, long theirs,
			String rotationName) {
	}

	/**
	 * Two consecutive whole-day shifts in a rotation whose every name, and both people's
	 * names, are hostile.
	 */
	private Hostile hostileSchedule() {
		Person holder = this.testPeople.manager("Feed Holder");
		Person next = this.testPeople.manager("Feed Next");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Hostile", "UTC", LocalTime.MIDNIGHT,
				LocalTime.MIDNIGHT);
		String rotationName = HOSTILE + " " + rotation.id();
		this.jdbc.sql("update person set name = ? where id in (?, ?)")
			.params(HOSTILE, holder.getId(), next.getId())
			.update();
		this.jdbc.sql("update rotation set name = ? where id = ?").params(rotationName, rotation.id()).update();
		this.jdbc.sql("update rotation_slot set label = ? where id = ?").params(HOSTILE, rotation.slotId()).update();
		this.jdbc.sql("update rotation_layer set name = ? where id = ?").params(HOSTILE, rotation.layerId()).update();
		LocalDate day = today().plusDays(3);
		Instant changed = this.clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		long mine = this.schedule.shift(rotation, day, holder.getId(), false, changed);
		long theirs = this.schedule.shift(rotation, day.plusDays(1), next.getId(), false, changed);
		return new Hostile(holder, next, rotation, mine, theirs, rotationName);
	}

	@Test
	void aPersonalFeedKeepsHostileNamesAsText() throws Exception {
		Hostile hostile = hostileSchedule();
		String ical = fetch(this.tokens.create(hostile.holder().getId(), FeedKind.PERSON, null).secret());
		assertOnlyOurProperties(ical);
		Calendar calendar = new CalendarBuilder().build(new StringReader(ical));
		assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("On call — " + AS_SHOWN);
		assertThat(value(calendar, "NAME")).isEqualTo("On call — " + AS_SHOWN);
		VEvent mine = event(calendar, hostile.mine());
		// The title gives the event's own hours; the slot's (hostile) label is in the
		// description.
		assertThat(value(mine, Property.SUMMARY))
			.isEqualTo("On call: " + shown(hostile.rotationName()) + " 00:00–00:00 UTC");
		assertThat(value(mine, Property.DESCRIPTION))
			.startsWith(shown(hostile.rotationName()) + ", slot " + AS_SHOWN + " (" + AS_SHOWN + ", times in UTC)")
			.contains("\nHand over to: " + AS_SHOWN + " <" + hostile.next().getEmail() + ">\n");
	}

	@Test
	void aRotationFeedKeepsHostileNamesAsText() throws Exception {
		Hostile hostile = hostileSchedule();
		String ical = fetch(
				this.tokens.create(hostile.holder().getId(), FeedKind.ROTATION, hostile.rotation().id()).secret());
		assertOnlyOurProperties(ical);
		Calendar calendar = new CalendarBuilder().build(new StringReader(ical));
		assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo(shown(hostile.rotationName()) + " rotation");
		assertThat(value(event(calendar, hostile.theirs()), Property.SUMMARY))
			.isEqualTo(shown(hostile.rotationName()) + " 00:00–00:00 UTC — " + AS_SHOWN);
		assertThat(calendar.getComponents(Component.VEVENT)).hasSize(2);
	}

	private String fetch(String secret) throws Exception {
		byte[] body = this.mvc.perform(get("/ical/" + secret + ".ics").header(HttpHeaders.USER_AGENT, "Test/1.0"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		CalendarFeedTests.assertWellFormedLines(body);
		for (int i = 0; i < body.length; i++) {
			if (body[i] == '\r') {
				assertThat(i + 1 < body.length && body[i + 1] == '\n').as("CR without LF at octet %d", i).isTrue();
			}
			assertThat(body[i] >= 0x20 || body[i] < 0 || body[i] == '\r' || body[i] == '\n' || body[i] == '\t')
				.as("control character %d at octet %d", body[i], i)
				.isTrue();
		}
		return new String(body, StandardCharsets.UTF_8);
	}

	/** After unfolding, every content line is one of the properties the app writes. */
	private static void assertOnlyOurProperties(String ical) {
		List<String> lines = List.of(ical.replace("\r\n ", "").split("\r\n"));
		assertThat(lines).allSatisfy(line -> assertThat(OURS).as(line).contains(line.split("[:;]", 2)[0]));
		assertThat(ical).doesNotContain("\r\nATTENDEE").doesNotContain("\r\nORGANIZER");
	}

	private static String shown(String typed) {
		return typed.replace(HOSTILE, AS_SHOWN);
	}

	private static String value(Calendar calendar, String property) {
		return calendar.getProperty(property).map(Property::getValue).orElseThrow();
	}

	private static String value(Component component, String property) {
		return component.getProperty(property).map(Property::getValue).orElseThrow();
	}

	private static VEvent event(Calendar calendar, long shiftId) {
		return calendar.<VEvent>getComponents(Component.VEVENT)
			.stream()
			.filter(e -> value(e, Property.UID).startsWith("shift-" + shiftId + "@"))
			.findFirst()
			.orElseThrow();
	}

}
