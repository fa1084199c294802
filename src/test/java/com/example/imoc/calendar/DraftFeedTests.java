package com.example.imoc.calendar;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import com.example.imoc.people.Person;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.SchedulePublication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Draft shifts (beyond the rotation's publication boundary) are STATUS:TENTATIVE in the
 * feeds; publishing them makes them CONFIRMED with a raised SEQUENCE and LAST-MODIFIED,
 * so calendar clients take the change. Read back with ical4j.
 */
@FeedTest
class DraftFeedTests extends FeedTestSupport {

	private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	@Autowired
	Rotations rotations;

	@Autowired
	SchedulePublication publication;

	@Test
	void aDraftIsTentativeUntilPublishedThenConfirmedWithARaisedSequence() throws Exception {
		Person holder = this.testPeople.manager("Draft Holder");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Drafts", "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		Instant boundary = this.rotations.publishedUntil(rotation.id()).orElseThrow();
		LocalDate lastPublishedDay = LocalDate.ofInstant(boundary, ZoneOffset.UTC).minusDays(1);
		LocalDate firstDraftDay = LocalDate.ofInstant(boundary, ZoneOffset.UTC).plusDays(2);
		Instant created = this.clock.instant().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		long published = this.schedule.shift(rotation, lastPublishedDay, holder.getId(), false, created);
		long draft = this.schedule.shift(rotation, firstDraftDay, holder.getId(), false, created);
		String personal = personalFeed(holder);
		String whole = this.tokens.create(holder.getId(), FeedKind.ROTATION, rotation.id()).secret();

		for (String secret : new String[] { personal, whole }) {
			Calendar before = fetch(secret);
			assertThat(value(event(before, published), Property.STATUS)).isEqualTo("CONFIRMED");
			assertThat(value(event(before, draft), Property.STATUS)).isEqualTo("TENTATIVE");
			assertThat(value(event(before, draft), Property.SEQUENCE)).isEqualTo("0");
		}

		// Two days later the coordinator publishes the next week.
		Instant publishedAt = created.plus(Duration.ofDays(2)).plusSeconds(5);
		this.publication.publish(rotation.id(), LocalDate.ofInstant(boundary, ZoneOffset.UTC).plusWeeks(1),
				publishedAt);

		for (String secret : new String[] { personal, whole }) {
			Calendar after = fetch(secret);
			VEvent nowPublished = event(after, draft);
			assertThat(value(nowPublished, Property.STATUS)).isEqualTo("CONFIRMED");
			assertThat(value(nowPublished, Property.SEQUENCE)).isEqualTo("1");
			assertThat(value(nowPublished, Property.LAST_MODIFIED)).isEqualTo(ICAL_UTC.format(publishedAt));
			assertThat(value(event(after, published), Property.SEQUENCE)).as("already published: unchanged")
				.isEqualTo("0");
		}
	}

	private Calendar fetch(String secret) throws Exception {
		byte[] body = this.mvc.perform(get("/ical/" + secret + ".ics").header(HttpHeaders.USER_AGENT, "Drafts/1.0"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		return new CalendarBuilder().build(new StringReader(new String(body, StandardCharsets.UTF_8)));
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
