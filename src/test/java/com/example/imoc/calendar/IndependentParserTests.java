package com.example.imoc.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;

import com.example.imoc.people.Person;
import com.example.imoc.schedule.ShiftReassigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A parser we did not write reads our feed: Debian's python3-icalendar (installed by
 * .ci/run). Missing it fails the build, loudly: a skipped check would look like a passed
 * one.
 */
@FeedTest
class IndependentParserTests extends FeedTestSupport {

	private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

	@Test
	void pythonIcalendarReadsTheEventsUidsTimesAndCancellations(@TempDir Path dir) throws Exception {
		Person lea = this.testPeople.manager("Léa Parsed");
		Person max = this.testPeople.manager("Max Parsed");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Parsed", "Europe/Berlin", LocalTime.of(7, 0),
				LocalTime.of(13, 0));
		LocalDate day = today().plusDays(4);
		Instant changed = this.clock.instant().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
		long kept = this.schedule.shift(rotation, day, lea.getId(), false, changed);
		long shadow = this.schedule.shift(rotation, day.plusDays(1), lea.getId(), true, changed);
		long given = this.schedule.shift(rotation, day.plusDays(2), lea.getId(), false, changed);
		this.transaction.executeWithoutResult(tx -> {
			this.jdbc.sql("update shift set assignee_id = ?, sequence = sequence + 1, updated_at = ? where id = ?")
				.params(max.getId(), Timestamp.from(changed.plusSeconds(60)), given)
				.update();
			this.events.publishEvent(new ShiftReassigned(given, rotation.id(), lea.getId(), max.getId(),
					changed.plusSeconds(60), "cover"));
		});
		String secret = personalFeed(lea);
		byte[] feed = this.mvc.perform(get("/ical/" + secret + ".ics"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Path file = dir.resolve("feed.ics");
		Files.write(file, feed);

		List<String> lines = readWithPythonIcalendar(file);

		assertThat(lines.get(0)).isEqualTo("CALENDAR\tOn call — Léa Parsed\tPUBLISH");
		List<String> events = lines.stream().filter(l -> l.startsWith("EVENT\t")).toList();
		assertThat(events).hasSize(3);
		assertThat(events).containsExactly(
				line(kept, rotation.startOn(day), rotation.endOn(day), "CONFIRMED", 0,
						"On call: " + rotation.name() + " 07:00–13:00 Europe/Berlin"),
				line(shadow, rotation.startOn(day.plusDays(1)), rotation.endOn(day.plusDays(1)), "CONFIRMED", 0,
						"On call: " + rotation.name() + " 07:00–13:00 Europe/Berlin (shadow)"),
				// The shift's own sequence once it left Léa: above the 0 her calendar
				// saw.
				line(given, rotation.startOn(day.plusDays(2)), rotation.endOn(day.plusDays(2)), "CANCELLED", 1,
						"On call: " + rotation.name() + " 07:00–13:00 Europe/Berlin"));
	}

	private static String line(long shiftId, Instant start, Instant end, String status, int sequence, String summary) {
		return String.join("\t", "EVENT", "shift-" + shiftId + "@localhost", start.toString(), end.toString(), status,
				String.valueOf(sequence), "TRANSPARENT", summary);
	}

	private static List<String> readWithPythonIcalendar(Path feed) throws IOException, InterruptedException {
		String python = pythonWithIcalendar();
		Path script = new ClassPathResource("calendar/read_feed.py").getFile().toPath();
		Process process = new ProcessBuilder(python, script.toString(), feed.toString()).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("python3-icalendar failed on the feed:%n%s", output).isZero();
		return output.lines().toList();
	}

	/** The python3 that has python3-icalendar; missing it fails the test, loudly. */
	static String pythonWithIcalendar() {
		return PYTHONS.stream()
			.filter(IndependentParserTests::hasIcalendar)
			.findFirst()
			.orElseGet(() -> fail("python3-icalendar is not installed, so the feed cannot be checked by an independent "
					+ "parser. Install it with: apt-get install -y python3-icalendar (.ci/run does this)."));
	}

	private static boolean hasIcalendar(String python) {
		try {
			Process process = new ProcessBuilder(python, "-c", "import icalendar").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
