package com.example.imoc.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;

import static com.example.imoc.schedule.TestRotations.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rotation cards of {@code /}, rendered once per shared board and viewer zone
 * ({@link HomeCards}, issue 17): over simulated hours and days they follow the handoffs
 * and the time left to the next one, each viewer reads the hours in their own zone,
 * viewers in one zone share one rendering, and what people typed stays text.
 */
class HomeCardsTests extends ExternalApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	HeldScheduleJobs heldJobs;

	@Autowired
	Shifts shifts;

	@Autowired
	HomeBoard homeBoard;

	@Autowired
	HomeCards homeCards;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataChanges changes;

	Rotation rotation;

	@BeforeEach
	void aRotationInUtc() throws Exception {
		this.heldJobs.hold();
		this.clock.set(Instant.parse("2026-12-02T06:00:00Z"));
		this.rotation = this.testRotations.imocLike("UTC", 3,
				List.of(slot("23:00", "08:00"), slot("08:00", "15:00"), slot("15:00", "23:00")));
		this.testRotations.staff(this.rotation, 5);
		this.maintenance.maintain(this.rotation.id());
	}

	@AfterEach
	void resumeTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	@Test
	void theCardsFollowTheHandoffsOverSeveralSimulatedHoursAndDaysInEachViewersZone() throws Exception {
		Person london = this.testPeople.manager("Home London", "Europe/London");
		Person londonToo = this.testPeople.manager("Home London Too", "Europe/London");
		Person kolkata = this.testPeople.manager("Home Kolkata", "Asia/Kolkata");
		record Hour(String at, String until, String untilKolkata, String nextIn) {
		}
		List<Hour> hours = List.of(new Hour("2026-12-02T09:00:00Z", "15:00", "20:30", "in 6 h 0 min"),
				new Hour("2026-12-02T16:30:00Z", "23:00", "04:30", "in 6 h 30 min"),
				new Hour("2026-12-03T00:45:00Z", "08:00", "13:30", "in 7 h 15 min"),
				new Hour("2026-12-04T14:59:00Z", "15:00", "20:30", "in 1 min"),
				new Hour("2026-12-05T15:00:00Z", "23:00", "04:30", "in 8 h 0 min"));
		for (Hour hour : hours) {
			Instant at = Instant.parse(hour.at());
			this.clock.set(at);
			ShiftView onCall = this.shifts.runningAt(at)
				.stream()
				.filter(s -> s.rotationId() == this.rotation.id() && !s.shadow())
				.findFirst()
				.orElseThrow();
			String londons = card(home(london));
			assertThat(londons).as(hour.at())
				.contains("<span>" + onCall.assigneeName() + "</span>")
				.contains("until <time datetime=\"" + onCall.end() + "\">" + hour.until() + "</time> your time")
				.contains("Next handoff <strong>" + hour.nextIn() + "</strong>");
			assertThat(card(home(londonToo))).as("the same zone, the same cards").isEqualTo(londons);
			assertThat(card(home(kolkata))).as(hour.at())
				.contains("<span>" + onCall.assigneeName() + "</span>")
				.contains(">" + hour.untilKolkata() + "</time> your time")
				.contains("(Asia/Kolkata)");
			// Rendered once per board and zone, and handed to every viewer in it.
			HomeBoard.Board board = this.homeBoard.at(at);
			assertThat(this.homeCards.html(board, london.zone(), ""))
				.isSameAs(this.homeCards.html(board, london.zone(), ""));
		}
	}

	@Test
	void aNameWithMarkupShowsAsTextOnTheCards() throws Exception {
		Instant at = Instant.parse("2026-12-02T09:00:00Z");
		this.clock.set(at);
		ShiftView onCall = this.shifts.runningAt(at)
			.stream()
			.filter(s -> s.rotationId() == this.rotation.id() && !s.shadow())
			.findFirst()
			.orElseThrow();
		this.transaction.executeWithoutResult(tx -> this.jdbc.update(
				"update person set name = '<script>alert(1)</script>', updated_at = now() where id = ?",
				onCall.assigneeId()));
		awaitQuiet();
		String page = home(this.testPeople.manager("Home Reader"));
		assertThat(card(page)).contains("<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>");
		assertThat(page).doesNotContain("<script>alert(1)</script>");
	}

	private void awaitQuiet() throws InterruptedException {
		long stamp = this.changes.stamp();
		for (int i = 0; i < 100; i++) {
			Thread.sleep(300);
			long now = this.changes.stamp();
			if (now == stamp && now >= 0) {
				return;
			}
			stamp = now;
		}
	}

	/** This test's rotation's card on the page. */
	String card(String page) {
		int start = page.indexOf("<article class=\"card\">\n<h2><a href=\"/rotations/" + this.rotation.id() + "\">");
		assertThat(start).as("the rotation's card").isNotNegative();
		return page.substring(start, page.indexOf("</article>", start));
	}

	String home(Person viewer) throws Exception {
		return this.mvc.perform(get("/").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
