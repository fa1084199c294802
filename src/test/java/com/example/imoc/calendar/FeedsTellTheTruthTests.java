package com.example.imoc.calendar;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MvcResult;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftReassigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Feeds tell the truth: titles give the event's own hours with the zone named and the
 * part of a split slot; a partial cover sends the giver nothing for a part they never
 * had; every change of what an event shows (its own, or a neighbour's "Hand over to …")
 * raises SEQUENCE and LAST-MODIFIED, and an undone cancellation comes back above it;
 * events link to a page every reader may open; gzip when the client accepts it; the
 * calendar page warns when the app is reached at another address than
 * {@code imoc.base-url}. Each feed is read back with python3-icalendar.
 */
@FeedTest
class FeedsTellTheTruthTests extends FeedTestSupport {

	@Autowired
	ShiftChanges shiftChanges;

	@TempDir
	Path dir;

	/** One VEVENT as python3-icalendar reads it. */
	record Event(String uid, String status, int sequence, String lastModified, String url, String summary,
			String description) {
	}

	@Test
	void aPartialCoverTitlesEachPartWithItsOwnHoursAndGivesTheGiverNoEventTheyNeverHad() throws Exception {
		Person ada = this.testPeople.manager("Ada Splitter");
		Person bo = this.testPeople.manager("Bo Middle");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Split", "UTC", LocalTime.of(11, 0),
				LocalTime.of(15, 0));
		LocalDate day = today().plusDays(6);
		long whole = this.schedule.shift(rotation, day, ada.getId(), false, anHourAgo());
		String adaFeed = personalFeed(ada);
		String boFeed = personalFeed(bo);
		assertThat(read(adaFeed).get(uid(whole)).summary())
			.isEqualTo("On call: " + rotation.name() + " 11:00–15:00 UTC");

		long middle = this.transaction
			.execute(tx -> this.shiftChanges.handOverPart(whole, 0, day.atTime(12, 0).toInstant(ZoneOffset.UTC),
					day.atTime(13, 0).toInstant(ZoneOffset.UTC), bo.getId(), "partial cover"));
		long rest = this.jdbc.sql("select id from shift where rotation_id = ? and starts_at = ?")
			.params(rotation.id(), Timestamp.from(day.atTime(13, 0).toInstant(ZoneOffset.UTC)))
			.query(Long.class)
			.single();

		Map<String, Event> adas = read(adaFeed);
		assertThat(adas.keySet()).as("Ada never had the middle part: nothing to cancel")
			.containsExactlyInAnyOrder(uid(whole), uid(rest));
		assertThat(adas.get(uid(whole)).summary())
			.isEqualTo("On call: " + rotation.name() + " 11:00–12:00 UTC (part 1 of 3)");
		assertThat(adas.get(uid(whole)).sequence()).isEqualTo(1);
		assertThat(adas.get(uid(rest)).summary())
			.isEqualTo("On call: " + rotation.name() + " 13:00–15:00 UTC (part 3 of 3)");
		assertThat(adas.get(uid(whole)).description()).contains("Hand over to: Bo Middle <" + bo.getEmail() + ">");
		Map<String, Event> bos = read(boFeed);
		assertThat(bos.keySet()).containsExactly(uid(middle));
		assertThat(bos.get(uid(middle)).summary())
			.isEqualTo("On call: " + rotation.name() + " 12:00–13:00 UTC (part 2 of 3)");
		assertThat(bos.get(uid(middle)).status()).isEqualTo("CONFIRMED");
		assertThat(bos.get(uid(middle)).description()).contains("Hand over to: Ada Splitter <" + ada.getEmail() + ">");
	}

	@Test
	void onTheDaylightSavingDayATitleGivesTheHoursTheEventReallyHas() throws Exception {
		Person dee = this.testPeople.manager("Dee Springforward", "Europe/Berlin");
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Berlin early", berlin.getId(), LocalTime.of(2, 30),
				LocalTime.of(10, 30));
		LocalDate changeDay = springForwardAfter(berlin, this.clock.instant().plus(1, ChronoUnit.DAYS));
		long shift = this.schedule.shift(rotation, changeDay, dee.getId(), false, anHourAgo());
		assertThat(rotation.startOn(changeDay)).isEqualTo(changeDay.atTime(1, 30).toInstant(ZoneOffset.UTC));
		Event event = read(personalFeed(dee)).get(uid(shift));
		// 02:30 does not exist that morning (clocks go from 02:00 to 03:00): the shift
		// starts at 03:30 CEST, and says
		// so, where the slot's label would say 02:30.
		assertThat(event.summary()).isEqualTo("On call: " + rotation.name() + " 03:30–10:30 Europe/Berlin");
	}

	@Test
	void aNeighboursChangeRaisesSequenceAndLastModifiedOfTheEventThatHandsOverToThem() throws Exception {
		Person ivy = this.testPeople.manager("Ivy Before");
		Person jon = this.testPeople.manager("Jon After");
		Person kay = this.testPeople.manager("Kay Instead");
		TestSchedule.TestRotation early = this.schedule.rotation("Handover", "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		LocalDate day = today().plusDays(8);
		// Not before today's midnight (UTC): the feed reports no change older than the
		// day
		// its window starts (run between 00:00 and 01:00, "an hour ago" came back as
		// 00:00:00Z).
		Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant planned = anHourAgo().isBefore(midnight) ? midnight.plusSeconds(1) : anHourAgo();
		// Everyone's last change is the plan's: the LAST-MODIFIED asserted below is then
		// the change made here.
		for (Person person : List.of(ivy, jon, kay)) {
			this.jdbc.sql("update person set updated_at = ? where id = ?")
				.params(Timestamp.from(planned), person.getId())
				.update();
		}
		long mine = this.schedule.shift(early, day, ivy.getId(), false, planned);
		long next = this.jdbc.sql("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
				                   reason, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, false, 'test', ?, ?) returning id""")
			.params(early.id(), early.layerId(), early.slotId(), day.plusDays(100), Timestamp.from(early.endOn(day)),
					Timestamp.from(early.endOn(day).plusSeconds(4 * 3600)), jon.getId(), Timestamp.from(planned),
					Timestamp.from(planned))
			.query(Long.class)
			.single();
		String ivyFeed = personalFeed(ivy);
		Event before = read(ivyFeed).get(uid(mine));
		assertThat(before.description()).contains("Hand over to: Jon After");
		assertThat(before.sequence()).isZero();
		assertThat(before.lastModified()).isEqualTo(planned.toString());

		Instant swapped = planned.plusSeconds(1200);
		this.transaction.executeWithoutResult(tx -> {
			this.jdbc.sql(
					"update shift set assignee_id = ?, sequence = sequence + 1, version = version + 1, updated_at = ? where id = ?")
				.params(kay.getId(), Timestamp.from(swapped), next)
				.update();
			this.events.publishEvent(new ShiftReassigned(next, early.id(), jon.getId(), kay.getId(), swapped, "swap"));
		});
		Event after = read(ivyFeed).get(uid(mine));
		assertThat(after.description()).contains("Hand over to: Kay Instead");
		assertThat(after.sequence()).isEqualTo(1);
		assertThat(after.lastModified()).isEqualTo(swapped.toString());

		// Kay renames herself: the text changes again, and so do SEQUENCE and
		// LAST-MODIFIED.
		this.transaction.executeWithoutResult(
				tx -> this.jdbc.sql("update person set name = 'Kay Renamed', updated_at = ? where id = ?")
					.params(Timestamp.from(swapped.plusSeconds(600)), kay.getId())
					.update());
		Event renamed = read(ivyFeed).get(uid(mine));
		assertThat(renamed.description()).contains("Hand over to: Kay Renamed");
		assertThat(renamed.sequence()).isEqualTo(2);
		assertThat(renamed.lastModified()).isEqualTo(swapped.plusSeconds(600).toString());
		// Nothing changed: the same SEQUENCE, byte for byte the same feed.
		assertThat(read(ivyFeed).get(uid(mine))).isEqualTo(renamed);
	}

	@Test
	void anUndoneCoverComesBackAboveItsCancellation() throws Exception {
		Person lou = this.testPeople.manager("Lou Giver");
		Person mo = this.testPeople.manager("Mo Taker");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Undo", "UTC", LocalTime.of(19, 0),
				LocalTime.of(23, 0));
		long shift = this.schedule.shift(rotation, today().plusDays(9), lou.getId(), false, anHourAgo());
		String louFeed = personalFeed(lou);
		assertThat(read(louFeed).get(uid(shift)).sequence()).isZero();

		this.transaction.executeWithoutResult(tx -> this.shiftChanges.reassign(shift, 0, mo.getId(), "cover"));
		Event cancelled = read(louFeed).get(uid(shift));
		assertThat(cancelled.status()).isEqualTo("CANCELLED");
		assertThat(cancelled.sequence()).isPositive();

		this.transaction.executeWithoutResult(tx -> this.shiftChanges.reassign(shift, 1, lou.getId(), "undo"));
		Event back = read(louFeed).get(uid(shift));
		assertThat(back.status()).isEqualTo("CONFIRMED");
		assertThat(back.sequence()).isGreaterThan(cancelled.sequence());
		assertThat(read(personalFeed(mo)).get(uid(shift)).status()).isEqualTo("CANCELLED");
	}

	@Test
	void rotationFeedEventsLinkOnlyToPagesEveryReaderMayOpen() throws Exception {
		Person nia = this.testPeople.manager("Nia Holder");
		Person reader = this.testPeople.manager("Rita Reader");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Linked", "UTC", LocalTime.of(23, 0),
				LocalTime.of(5, 0));
		LocalDate day = today().plusDays(3);
		long shift = this.schedule.shift(rotation, day, nia.getId(), false, anHourAgo());
		String secret = this.tokens.create(reader.getId(), FeedKind.ROTATION, rotation.id()).secret();
		Event event = read(secret).get(uid(shift));
		assertThat(event.url()).isEqualTo("http://localhost:8080/rotations/" + rotation.id() + "?week=" + day);
		assertThat(event.description()).doesNotContain("/swaps/new").contains(event.url());
		this.mvc.perform(get(event.url().replace("http://localhost:8080", "")).with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk());
		// The owner's own feed offers the swap form, which the owner may open.
		assertThat(read(personalFeed(nia)).get(uid(shift)).description())
			.contains("Swap or give away: http://localhost:8080/swaps/new?shift=" + shift);
	}

	@Test
	void aClientThatAcceptsGzipGetsTheFeedGzippedUnderItsOwnEtagFromTheDatabaseAndFromMemory() throws Exception {
		Person oz = this.testPeople.manager("Oz Gzip");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Gzip", "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		for (int i = 0; i < 20; i++) {
			this.schedule.shift(rotation, today().plusDays(i), oz.getId(), false, anHourAgo());
		}
		String path = "/ical/" + personalFeed(oz) + ".ics";
		MvcResult plain = this.mvc.perform(get(path).header("User-Agent", "Plain/1"))
			.andExpect(status().isOk())
			.andReturn();
		byte[] body = plain.getResponse().getContentAsByteArray();
		String plainEtag = plain.getResponse().getHeader("ETag");
		for (int poll = 0; poll < 2; poll++) {
			// The first answer comes from the database, the second from memory
			// (FeedFastPath).
			MvcResult gzipped = this.mvc
				.perform(get(path).header("User-Agent", "Zip/1").header("Accept-Encoding", "br, gzip"))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Encoding", "gzip"))
				.andExpect(header().string("Vary", "Accept-Encoding"))
				.andReturn();
			byte[] zipped = gzipped.getResponse().getContentAsByteArray();
			assertThat(zipped.length).isLessThan(body.length / 3);
			assertThat(new GZIPInputStream(new ByteArrayInputStream(zipped)).readAllBytes()).isEqualTo(body);
			String etag = gzipped.getResponse().getHeader("ETag");
			assertThat(etag).isNotEqualTo(plainEtag);
			this.mvc
				.perform(get(path).header("User-Agent", "Zip/1")
					.header("Accept-Encoding", "gzip")
					.header("If-None-Match", etag))
				.andExpect(status().isNotModified());
		}
		this.mvc.perform(get(path).header("User-Agent", "Zip/1").header("Accept-Encoding", "gzip;q=0, identity"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Content-Encoding"))
			.andExpect(content().bytes(body));
	}

	@Test
	void theCalendarPageWarnsWhenTheAppIsReachedAtAnotherAddressThanItsBaseUrl() throws Exception {
		Person pat = this.testPeople.manager("Pat Proxy");
		this.mvc.perform(get("/calendar").with(request -> {
			request.setServerName("imoc.example.com");
			request.setServerPort(443);
			request.setScheme("https");
			request.setSecure(true);
			return request;
		}).with(user(TestPeople.signedIn(pat))))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers
				.containsString("You reached the app at <code>https://imoc.example.com</code>")));
		this.mvc.perform(get("/calendar").with(request -> {
			request.setServerName("localhost");
			request.setServerPort(8080);
			return request;
		}).with(user(TestPeople.signedIn(pat))))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("You reached the app at"))));
	}

	private static String uid(long shiftId) {
		return "shift-" + shiftId + "@localhost";
	}

	private static LocalDate springForwardAfter(ZoneId zone, Instant after) {
		var transition = zone.getRules().nextTransition(after);
		while (!transition.isGap()) {
			transition = zone.getRules().nextTransition(transition.getInstant());
		}
		return transition.getDateTimeBefore().toLocalDate();
	}

	/** Fetches the feed and reads it with python3-icalendar, by UID. */
	private Map<String, Event> read(String secret) throws Exception {
		byte[] feed = this.mvc.perform(get("/ical/" + secret + ".ics"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Path file = Files.createTempFile(this.dir, "feed", ".ics");
		Files.write(file, feed);
		Path script = new ClassPathResource("calendar/read_feed_changes.py").getFile().toPath();
		Process process = new ProcessBuilder(IndependentParserTests.pythonWithIcalendar(), script.toString(),
				file.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("python3-icalendar failed on the feed:%n%s", output).isZero();
		Map<String, Event> events = new LinkedHashMap<>();
		for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
			String[] f = line.split("\t", -1);
			events.put(f[0], new Event(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], f[5], f[6]));
		}
		return events;
	}

}
