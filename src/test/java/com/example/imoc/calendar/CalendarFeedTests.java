package com.example.imoc.calendar;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import com.example.imoc.people.Person;
import com.example.imoc.schedule.ShiftReassigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The feeds as a calendar client sees them: content for a known schedule, changes,
 * caching headers, wrong tokens.
 */
@FeedTest
class CalendarFeedTests extends FeedTestSupport {

	private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private MvcResult fetch(String secret) throws Exception {
		return this.mvc.perform(get("/ical/" + secret + ".ics").header(HttpHeaders.USER_AGENT, "Test-Client/1.0"))
			.andExpect(status().isOk())
			.andReturn();
	}

	private String text(String secret) throws Exception {
		return new String(fetch(secret).getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** The content lines of one VEVENT (unfolded), found by its UID. */
	private static List<String> event(String ical, String uid) {
		String unfolded = ical.replace("\r\n ", "");
		int at = unfolded.indexOf("UID:" + uid + "\r\n");
		assertThat(at).as("event %s in%n%s", uid, ical).isNotNegative();
		int begin = unfolded.lastIndexOf("BEGIN:VEVENT", at);
		int end = unfolded.indexOf("END:VEVENT", at);
		return List.of(unfolded.substring(begin, end).split("\r\n"));
	}

	@Test
	void aPersonalFeedHoldsMyShiftsWithStableUidsUtcTimesSequenceAndTransparency() throws Exception {
		Person zoe = this.testPeople.manager("Zoë Ångström-Müller");
		Person other = this.testPeople.manager("Otto Other");
		TestSchedule.TestRotation rotation = this.schedule.rotation("IMOC Feeds", "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		LocalDate day = today().plusDays(3);
		Instant changed = anHourAgo();
		long first = this.schedule.shift(rotation, day, zoe.getId(), false, changed);
		long shadow = this.schedule.shift(rotation, day.plusDays(1), zoe.getId(), true, changed);
		long others = this.schedule.shift(rotation, day.plusDays(2), other.getId(), false, changed);
		long farAway = this.schedule.shift(rotation, today().plusMonths(13), zoe.getId(), false, changed);

		MvcResult result = fetch(personalFeed(zoe));
		String ical = result.getResponse().getContentAsString(StandardCharsets.UTF_8);

		assertThat(result.getResponse().getContentType()).isEqualTo("text/calendar;charset=UTF-8");
		assertThat(ical).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
		assertThat(ical.replace("\r\n ", "").split("\r\n")).contains("VERSION:2.0", "CALSCALE:GREGORIAN",
				"METHOD:PUBLISH", "X-WR-CALNAME:On call — Zoë Ångström-Müller", "NAME:On call — Zoë Ångström-Müller",
				"X-WR-TIMEZONE:UTC", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H");
		assertThat(ical).contains("PRODID:");
		assertThat(event(ical, "shift-" + first + "@localhost")).contains(
				"DTSTART:" + ICAL_UTC.format(day.atTime(5, 0).toInstant(ZoneOffset.UTC)),
				"DTEND:" + ICAL_UTC.format(day.atTime(11, 0).toInstant(ZoneOffset.UTC)),
				"DTSTAMP:" + ICAL_UTC.format(changed), "LAST-MODIFIED:" + ICAL_UTC.format(changed), "SEQUENCE:0",
				"TRANSP:TRANSPARENT", "STATUS:CONFIRMED", "SUMMARY:On call: " + rotation.name() + " 05:00–11:00 UTC",
				"DESCRIPTION:" + rotation.name()
						+ "\\, slot 05:00-11:00 (weekdays and weekends\\, times in UTC)\\nRotation: http://localhost:8080/rotations/"
						+ rotation.id() + "?week=" + day
						+ "\\nSwap or give away: http://localhost:8080/swaps/new?shift=" + first,
				"URL:http://localhost:8080/rotations/" + rotation.id() + "?week=" + day);
		assertThat(event(ical, "shift-" + shadow + "@localhost"))
			.contains("SUMMARY:On call: " + rotation.name() + " 05:00–11:00 UTC (shadow)");
		assertThat(ical).doesNotContain("shift-" + others + "@").doesNotContain("shift-" + farAway + "@");
		assertWellFormedLines(result.getResponse().getContentAsByteArray());
	}

	/**
	 * CRLF after every line, no bare LF, and no line longer than 75 octets (RFC 5545
	 * 3.1).
	 */
	static void assertWellFormedLines(byte[] body) {
		int lineStart = 0;
		for (int i = 0; i < body.length; i++) {
			if (body[i] == '\n') {
				assertThat(i).as("LF without CR at octet %d", i).isGreaterThan(0);
				assertThat(body[i - 1]).as("LF without CR at octet %d", i).isEqualTo((byte) '\r');
				assertThat(i - 1 - lineStart).as("octets in the line ending at %d", i).isLessThanOrEqualTo(75);
				lineStart = i + 1;
			}
		}
		assertThat(lineStart).as("the feed ends with CRLF").isEqualTo(body.length);
	}

	@Test
	void aPersonalFeedNamesWhoTakesOverAndFollowsAChangeOfThatPerson() throws Exception {
		Person zoe = this.testPeople.manager("Zed Handing");
		Person otto = this.testPeople.manager("Otto Next");
		Person pia = this.testPeople.manager("Pia Later");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Handover", "UTC", LocalTime.of(5, 0),
				LocalTime.of(5, 0));
		LocalDate day = today().plusDays(3);
		long mine = this.schedule.shift(rotation, day, zoe.getId(), false, anHourAgo());
		long next = this.schedule.shift(rotation, day.plusDays(1), otto.getId(), false, anHourAgo());
		String feed = personalFeed(zoe);
		assertThat(String.join("", event(text(feed), "shift-" + mine + "@localhost")))
			.contains("Hand over to: Otto Next <" + otto.getEmail() + ">");
		// In a transaction, as the app writes: its commit tells this node's caches (other
		// nodes hear a notification).
		this.transaction.executeWithoutResult(tx -> this.jdbc
			.sql("update shift set assignee_id = ?, sequence = sequence + 1, updated_at = now() where id = ?")
			.params(pia.getId(), next)
			.update());
		assertThat(String.join("", event(text(feed), "shift-" + mine + "@localhost")))
			.contains("Hand over to: Pia Later <" + pia.getEmail() + ">");
	}

	@Test
	void aRotationFeedShowsEveryShiftWithItsHolderAndGapsAsUncovered() throws Exception {
		Person jane = this.testPeople.manager("Jane Rotationfeed");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Rota", "UTC", LocalTime.of(23, 0),
				LocalTime.of(5, 0));
		LocalDate day = today().plusDays(2);
		long held = this.schedule.shift(rotation, day, jane.getId(), false, anHourAgo());
		long gap = this.schedule.shift(rotation, day.plusDays(1), null, false, anHourAgo());
		String secret = this.tokens.create(jane.getId(), FeedKind.ROTATION, rotation.id()).secret();

		String ical = text(secret);

		assertThat(ical).contains("X-WR-CALNAME:" + rotation.name() + " rotation");
		assertThat(event(ical, "shift-" + held + "@localhost")).contains(
				"SUMMARY:" + rotation.name() + " 23:00–05:00 UTC — Jane Rotationfeed",
				"DTSTART:" + ICAL_UTC.format(day.atTime(23, 0).toInstant(ZoneOffset.UTC)),
				"DTEND:" + ICAL_UTC.format(day.plusDays(1).atTime(5, 0).toInstant(ZoneOffset.UTC)),
				"TRANSP:TRANSPARENT");
		assertThat(event(ical, "shift-" + gap + "@localhost"))
			.contains("SUMMARY:" + rotation.name() + " 23:00–05:00 UTC — UNCOVERED");
	}

	@Test
	void aReassignmentMovesTheEventToTheNewOwnerWithTheSameUidAndCancelsItForTheOldOne() throws Exception {
		Person ann = this.testPeople.manager("Ann Giver");
		Person ben = this.testPeople.manager("Ben Taker");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Swaps", "UTC", LocalTime.of(11, 0),
				LocalTime.of(15, 0));
		long shift = this.schedule.shift(rotation, today().plusDays(5), ann.getId(), false, anHourAgo());
		String annFeed = personalFeed(ann);
		String benFeed = personalFeed(ben);
		String rotationFeed = this.tokens.create(ann.getId(), FeedKind.ROTATION, rotation.id()).secret();
		String uid = "shift-" + shift + "@localhost";
		assertThat(event(text(annFeed), uid)).contains("SEQUENCE:0", "STATUS:CONFIRMED");
		assertThat(text(benFeed)).doesNotContain(uid);
		assertThat(text(rotationFeed)).contains("Ann Giver");

		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		this.transaction.executeWithoutResult(tx -> {
			this.jdbc.sql(
					"update shift set assignee_id = ?, sequence = sequence + 1, version = version + 1, updated_at = ? where id = ?")
				.params(ben.getId(), Timestamp.from(now), shift)
				.update();
			this.events.publishEvent(new ShiftReassigned(shift, rotation.id(), ann.getId(), ben.getId(), now, "swap"));
		});

		List<String> benEvent = event(text(benFeed), uid);
		assertThat(benEvent).contains("SEQUENCE:1", "STATUS:CONFIRMED", "LAST-MODIFIED:" + ICAL_UTC.format(now));
		List<String> annCancellation = event(text(annFeed), uid);
		assertThat(annCancellation).contains("STATUS:CANCELLED", "SEQUENCE:1", "DTSTAMP:" + ICAL_UTC.format(now));
		assertThat(text(annFeed).split("UID:" + uid, -1)).as("exactly one copy of the event").hasSize(2);
		assertThat(event(text(rotationFeed), uid)).contains("SEQUENCE:1",
				"SUMMARY:" + rotation.name() + " 11:00–15:00 UTC — Ben Taker");

		// Back to Ann: live again in her feed, cancelled in Ben's.
		Instant later = now.plusSeconds(60);
		this.transaction.executeWithoutResult(tx -> {
			this.jdbc.sql("update shift set assignee_id = ?, sequence = sequence + 1, updated_at = ? where id = ?")
				.params(ann.getId(), Timestamp.from(later), shift)
				.update();
			this.events
				.publishEvent(new ShiftReassigned(shift, rotation.id(), ben.getId(), ann.getId(), later, "undo"));
		});
		// Above the cancellation Ann's calendar holds (1), or it would keep the event
		// cancelled.
		assertThat(event(text(annFeed), uid)).contains("SEQUENCE:2", "STATUS:CONFIRMED",
				"LAST-MODIFIED:" + ICAL_UTC.format(later));
		assertThat(event(text(benFeed), uid)).contains("SEQUENCE:2", "STATUS:CANCELLED");
	}

	@Test
	void anUnchangedScheduleGivesByteIdenticalFeedsWhicheverUrlIsUsed() throws Exception {
		Person cleo = this.testPeople.manager("Cleo Stable");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Stable", "UTC", LocalTime.of(15, 0),
				LocalTime.of(19, 0));
		this.schedule.shift(rotation, today().plusDays(1), cleo.getId(), false, anHourAgo());
		this.schedule.shift(rotation, today().minusDays(10), cleo.getId(), false, anHourAgo().minusSeconds(86400 * 10));
		String one = personalFeed(cleo);
		String two = personalFeed(cleo);

		byte[] first = fetch(one).getResponse().getContentAsByteArray();
		byte[] again = fetch(one).getResponse().getContentAsByteArray();
		byte[] otherUrl = fetch(two).getResponse().getContentAsByteArray();

		assertThat(again).isEqualTo(first);
		assertThat(otherUrl).isEqualTo(first);
	}

	@Test
	void clientsGet304ForAMatchingEtagOrANotOlderIfModifiedSince() throws Exception {
		Person dan = this.testPeople.manager("Dan Polling");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Polling", "UTC", LocalTime.of(19, 0),
				LocalTime.of(23, 0));
		Instant changed = anHourAgo();
		long shift = this.schedule.shift(rotation, today().plusDays(2), dan.getId(), false, changed);
		String secret = personalFeed(dan);
		String url = "/ical/" + secret + ".ics";

		MvcResult first = fetch(secret);
		String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
		String lastModified = first.getResponse().getHeader(HttpHeaders.LAST_MODIFIED);
		Instant startOfToday = today().atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant expected = Stream.of(changed, startOfToday, dan.getUpdatedAt().truncatedTo(ChronoUnit.SECONDS))
			.max(Instant::compareTo)
			.orElseThrow();
		assertThat(etag).matches("\"[0-9a-f]{32}\"");
		assertThat(lastModified)
			.isEqualTo(DateTimeFormatter.RFC_1123_DATE_TIME.format(expected.atZone(ZoneOffset.UTC)));
		assertThat(first.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("max-age=3600, private");

		this.mvc.perform(get(url).header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified())
			.andExpect(header().string(HttpHeaders.ETAG, etag));
		this.mvc.perform(get(url).header(HttpHeaders.IF_MODIFIED_SINCE, lastModified))
			.andExpect(status().isNotModified());
		this.mvc
			.perform(get(url).header(HttpHeaders.IF_MODIFIED_SINCE,
					DateTimeFormatter.RFC_1123_DATE_TIME.format(expected.plusSeconds(3600).atZone(ZoneOffset.UTC))))
			.andExpect(status().isNotModified());
		this.mvc
			.perform(get(url).header(HttpHeaders.IF_MODIFIED_SINCE,
					DateTimeFormatter.RFC_1123_DATE_TIME.format(expected.minusSeconds(1).atZone(ZoneOffset.UTC))))
			.andExpect(status().isOk());
		this.mvc.perform(get(url).header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"")).andExpect(status().isOk());
		MvcResult headOnly = this.mvc.perform(head(url))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, etag))
			.andReturn();
		assertThat(headOnly.getResponse().getContentAsByteArray()).isEmpty();

		Instant now = this.clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
		this.transaction.executeWithoutResult(tx -> this.jdbc.sql(
				"update shift set sequence = sequence + 1, updated_at = ?, starts_at = starts_at + interval '1 hour' where id = ?")
			.params(Timestamp.from(now), shift)
			.update());
		this.mvc.perform(get(url).header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isOk());
		this.mvc.perform(get(url).header(HttpHeaders.IF_MODIFIED_SINCE, lastModified))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.LAST_MODIFIED,
					DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC))));
	}

	@Test
	void wrongUrlsGet404WithAnEmptyBodyAndRevokedOrReplacedOnesGet410() throws Exception {
		Person eve = this.testPeople.manager("Eve Revoker");
		String revoked = personalFeed(eve);
		this.tokens.revoke(eve.getId(), this.tokens.liveOf(eve.getId()).get(0).id());
		FeedTokens.Created replaced = this.tokens.create(eve.getId(), FeedKind.PERSON, null);
		FeedTokens.Created replacement = this.tokens.rotate(eve.getId(), replaced.token().id());

		for (String path : List.of("/ical/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", "/ical/x.ics",
				"/ical/not a token!.ics", "/ical/" + revoked, "/ical/", "/ical/" + "z".repeat(5000) + ".ics")) {
			MvcResult result = this.mvc.perform(get(path)).andExpect(status().isNotFound()).andReturn();
			assertThat(result.getResponse().getContentAsByteArray()).as(path).isEmpty();
		}
		// A URL that worked once is gone, and says so: its calendar can stop asking.
		for (String path : List.of("/ical/" + revoked + ".ics", "/ical/" + replaced.secret() + ".ics")) {
			this.mvc.perform(get(path))
				.andExpect(status().isGone())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("revoked or replaced")));
		}
		fetch(replacement.secret());
	}

	@Test
	void theSecretIsNeverStoredOnlyItsHash() throws Exception {
		Person fay = this.testPeople.manager("Fay Hashed");
		String secret = personalFeed(fay);
		assertThat(secret).as("256 random bits, URL-safe base64").matches("[A-Za-z0-9_-]{43}");

		List<Map<String, Object>> rows = this.jdbc.sql("select * from feed_token where person_id = ?")
			.param(fay.getId())
			.query()
			.listOfRows();
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(secret));
		assertThat(rows.get(0).get("token_hash")).isEqualTo(FeedTokens.hash(secret));
		List<String> audit = this.jdbc.sql("select details from audit_entry").query(String.class).list();
		assertThat(audit).noneMatch(details -> details.contains(secret));
	}

	@Test
	void aShiftAcrossTheDaylightSavingChangeLandsAtTheExactUtcInstants() throws Exception {
		Person gus = this.testPeople.manager("Gus Nightshift", "America/New_York");
		ZoneId newYork = ZoneId.of("America/New_York");
		TestSchedule.TestRotation rotation = this.schedule.rotation("New York nights", newYork.getId(),
				LocalTime.of(22, 0), LocalTime.of(6, 0));
		ZoneOffsetTransition change = newYork.getRules().nextTransition(this.clock.instant().plus(Duration.ofDays(1)));
		LocalDate night = change.getDateTimeBefore().toLocalDate().minusDays(1);
		long shift = this.schedule.shift(rotation, night, gus.getId(), false, anHourAgo());

		String ical = text(personalFeed(gus));

		Instant start = night.atTime(22, 0).atZone(newYork).toInstant();
		Instant end = night.plusDays(1).atTime(6, 0).atZone(newYork).toInstant();
		assertThat(Duration.between(start, end)).isEqualTo(change.isGap() ? Duration.ofHours(7) : Duration.ofHours(9));
		assertThat(start.atOffset(ZoneOffset.UTC).getHour())
			.isEqualTo(change.getOffsetBefore().getTotalSeconds() == -5 * 3600 ? 3 : 2);
		assertThat(event(ical, "shift-" + shift + "@localhost")).contains("DTSTART:" + ICAL_UTC.format(start),
				"DTEND:" + ICAL_UTC.format(end),
				"SUMMARY:On call: " + rotation.name() + " 22:00–06:00 America/New_York");
	}

}
