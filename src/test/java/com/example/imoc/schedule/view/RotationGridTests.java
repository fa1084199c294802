package com.example.imoc.schedule.view;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.HeldScheduleJobs;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.SchedulePublication;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static com.example.imoc.schedule.TestRotations.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rotation page {@code /rotations/{id}} on the real application and database: days
 * and hours in the viewer's zone (or the rotation's), shifts cut at midnight and marked
 * as continuing, the week, four-week and month views with their navigation, splits as
 * consecutive parts, and the draft, gap and "mine" marks with the gap actions each role
 * may use. The clock is moved by hand across several days.
 */
class RotationGridTests extends ExternalApiTest {

	/** A Wednesday morning, UTC (Wednesday 11:30 in Bengaluru). */
	static final Instant WEDNESDAY = Instant.parse("2026-12-02T06:00:00Z");

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
	ShiftChanges shiftChanges;

	@Autowired
	Rotations rotations;

	@Autowired
	SchedulePublication publication;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	DataChanges changes;

	Rotation rotation;

	Person bengaluru;

	@BeforeEach
	void aRotationInUtcWithThreeSlots() throws Exception {
		// The background repair would fill the gaps the tests make.
		this.heldJobs.hold();
		this.clock.set(WEDNESDAY);
		this.rotation = this.testRotations.imocLike("UTC", 3,
				List.of(slot("23:00", "08:00"), slot("08:00", "15:00"), slot("15:00", "23:00")));
		this.testRotations.staff(this.rotation, 5);
		this.maintenance.maintain(this.rotation.id());
		this.bengaluru = this.testPeople.manager("Priya Grid", "Asia/Kolkata");
	}

	@AfterEach
	void resumeTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	@Test
	void aViewerInBengaluruSeesAShiftCrossingHerMidnightOnBothOfHerDays() throws Exception {
		// 15:00–23:00 UTC is 20:30 on Thursday to 04:30 on Friday in Bengaluru.
		ShiftView evening = shift("15:00-23:00", LocalDate.of(2026, 12, 3));
		GridPage page = page(this.bengaluru, "from", "2026-12-03");
		assertThat(page.html()).contains("in <span>Asia/Kolkata</span> time");
		assertThat(page.dayLabels()).startsWith("Mon 30 Nov").endsWith("Sun 6 Dec").hasSize(7);

		String thursday = page.requirePart("Thu 3 Dec", evening.id());
		assertThat(GridPage.hours(thursday)).isEqualTo("20:30–24:00");
		assertThat(GridPage.owner(thursday)).isEqualTo(evening.assigneeName());
		assertThat(GridPage.classes(thursday)).contains("continues");
		assertThat(thursday).contains(">continues<");
		String friday = page.requirePart("Fri 4 Dec", evening.id());
		assertThat(GridPage.hours(friday)).isEqualTo("00:00–04:30");
		assertThat(GridPage.classes(friday)).contains("from-previous");
		assertThat(friday).contains(">from previous day<");

		// 23:00–08:00 UTC crosses midnight in UTC, not in Bengaluru: 04:30–13:30 on
		// Friday only.
		ShiftView night = shift("23:00-08:00", LocalDate.of(2026, 12, 3));
		assertThat(page.part("Thu 3 Dec", night.id())).isEmpty();
		String nightThere = page.requirePart("Fri 4 Dec", night.id());
		assertThat(GridPage.hours(nightThere)).isEqualTo("04:30–13:30");
		assertThat(nightThere).doesNotContain("continues").doesNotContain("from previous day");
		// Columns follow her day: the UTC evening slot starts hers at 20:30, last.
		assertThat(page.html()).containsSubsequence("04:30–13:30", "13:30–20:30", "20:30–04:30");
	}

	@Test
	void theRotationZoneSwitchShowsUtcDaysWhereTheNightShiftCrossesMidnight() throws Exception {
		ShiftView night = shift("23:00-08:00", LocalDate.of(2026, 12, 3));
		ShiftView evening = shift("15:00-23:00", LocalDate.of(2026, 12, 3));
		GridPage mine = page(this.bengaluru, "from", "2026-12-03");
		assertThat(mine.html()).contains("?view=week&amp;from=2026-11-30&amp;zone=rotation")
			.contains("Show in the rotation&#39;s zone (UTC)");

		GridPage utc = page(this.bengaluru, "from", "2026-12-03", "zone", "rotation");
		assertThat(utc.html()).contains("in <span>UTC</span> time").contains("Show in your zone (Asia/Kolkata)");
		String thursday = utc.requirePart("Thu 3 Dec", night.id());
		assertThat(GridPage.hours(thursday)).isEqualTo("23:00–24:00");
		assertThat(thursday).contains(">continues<");
		String friday = utc.requirePart("Fri 4 Dec", night.id());
		assertThat(GridPage.hours(friday)).isEqualTo("00:00–08:00");
		assertThat(friday).contains(">from previous day<");
		String wholeEvening = utc.requirePart("Thu 3 Dec", evening.id());
		assertThat(GridPage.hours(wholeEvening)).isEqualTo("15:00–23:00");
		assertThat(wholeEvening).doesNotContain("continues");
		assertThat(utc.part("Fri 4 Dec", evening.id())).isEmpty();
		// The pager keeps the zone.
		assertThat(utc.html()).contains("from=2026-12-07&amp;zone=rotation");
	}

	@Test
	void aWeekFourWeeksAndAMonthWithPreviousAndNextPages() throws Exception {
		GridPage week = page(this.bengaluru, "from", "2026-12-03");
		assertThat(week.dayLabels()).hasSize(7).startsWith("Mon 30 Nov");
		assertThat(week.html()).contains("view=week&amp;from=2026-11-23").contains("view=week&amp;from=2026-12-07");

		GridPage four = page(this.bengaluru, "view", "4weeks", "from", "2026-12-03");
		assertThat(four.dayLabels()).hasSize(28).startsWith("Mon 30 Nov").endsWith("Sun 27 Dec");
		assertThat(four.html()).contains("view=4weeks&amp;from=2026-11-02").contains("view=4weeks&amp;from=2026-12-28");

		// The older addresses still work.
		GridPage legacy = page(this.bengaluru, "week", "2026-12-03", "days", "28");
		assertThat(legacy.dayLabels()).isEqualTo(four.dayLabels());
		assertThat(page(this.bengaluru, "week", "2026-12-10").dayLabels()).startsWith("Mon 7 Dec").hasSize(7);

		GridPage month = page(this.bengaluru, "view", "month", "from", "2026-12-15");
		assertThat(month.html()).contains("<table class=\"month\">").contains("December 2026");
		assertThat(month.dayLabels()).hasSize(35).startsWith("Mon 30 Nov").endsWith("Sun 3 Jan");
		assertThat(month.rows()).hasSize(5).allSatisfy(row -> assertThat(row.split("<td")).hasSize(8));
		assertThat(month.rows().get(0)).contains("<td class=\"outside");
		assertThat(month.html()).contains("view=month&amp;from=2026-11-01").contains("view=month&amp;from=2027-01-01");
		// A shift crossing her midnight shows in both day boxes of the calendar.
		ShiftView evening = shift("15:00-23:00", LocalDate.of(2026, 12, 3));
		String monthRow = month.rows().get(0);
		assertThat(monthRow).contains("data-shift=\"" + evening.id() + "\"");
		assertThat(monthRow.split("data-shift=\"" + evening.id() + "\"", -1)).hasSize(3);

		for (String[] bad : List.of(new String[] { "view", "year" }, new String[] { "zone", "Mars/Base" })) {
			this.mvc
				.perform(get("/rotations/{id}", this.rotation.id()).param(bad[0], bad[1])
					.with(user(TestPeople.signedIn(this.bengaluru))))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void aPartialCoverShowsAsTwoConsecutivePartsWithTheirOwnersAndHours() throws Exception {
		Person asha = this.testPeople.manager("Asha Owner");
		Person bela = this.testPeople.manager("Bela Cover");
		ShiftView day = shift("08:00-15:00", LocalDate.of(2026, 12, 4));
		long version = reassign(day, asha.getId());
		long cover = this.transaction.execute(tx -> this.shiftChanges.handOverPart(day.id(), version,
				Instant.parse("2026-12-04T12:00:00Z"), day.end(), bela.getId(), "covering the afternoon"));
		assertThat(cover).isNotEqualTo(day.id());

		GridPage utc = page(this.bengaluru, "from", "2026-12-04", "zone", "rotation");
		String cell = utc.cellOf("Fri 4 Dec", day.id());
		assertThat(cell).contains("class=\"split\"")
			.containsSubsequence("08:00–12:00", "Asha Owner", "12:00–15:00", "Bela Cover");
		assertThat(GridPage.owner(utc.requirePart("Fri 4 Dec", cover))).isEqualTo("Bela Cover");

		GridPage hers = page(this.bengaluru, "from", "2026-12-04");
		assertThat(hers.cellOf("Fri 4 Dec", day.id())).containsSubsequence("13:30–17:30", "Asha Owner", "17:30–20:30",
				"Bela Cover");
	}

	@Test
	void draftsGapsAndMyOwnShiftsAreMarkedInWordsAndGapsOfferWhatEachRoleMayDo() throws Exception {
		Instant boundary = this.rotations.publishedUntil(this.rotation.id()).orElseThrow();
		// Two weeks before the publication boundary, with shifts planned past it.
		this.clock.set(boundary.minus(Duration.ofDays(14)).plus(Duration.ofHours(6)));
		this.maintenance.maintain(this.rotation.id());
		LocalDate lastPublished = LocalDate.ofInstant(boundary, ZoneOffset.UTC).minusDays(1);
		LocalDate firstDraft = lastPublished.plusDays(1);
		ShiftView published = shift("08:00-15:00", lastPublished);
		ShiftView draft = shift("08:00-15:00", firstDraft);
		Person coordinator = this.testPeople.coordinator("Grid Coordinator");
		Person volunteer = this.testPeople.manager("Vera Volunteer");
		this.rotations.join(this.rotation.id(), volunteer.getId(),
				this.rotation.layer("weekdays and weekends").orElseThrow().id());
		Person outsider = this.testPeople.manager("Otto Outsider");
		ShiftView mine = shift("15:00-23:00", lastPublished.minusDays(2));
		reassign(mine, volunteer.getId());
		ShiftView gap = shift("23:00-08:00", lastPublished.minusDays(5));
		reassign(gap, null);

		String from = lastPublished.minusDays(6).toString();
		GridPage hers = page(volunteer, "view", "4weeks", "from", from, "zone", "rotation");
		String label = label(lastPublished);
		assertThat(hers.requirePart(label, published.id())).doesNotContain("draft");
		String draftPart = hers.requirePart(label(firstDraft), draft.id());
		assertThat(GridPage.classes(draftPart)).contains("draft");
		assertThat(draftPart).contains("<span class=\"tag draft\" title=\"Draft: beyond the published schedule");

		String minePart = hers.requirePart(label(mine.date()), mine.id());
		assertThat(GridPage.classes(minePart)).contains("mine");
		assertThat(minePart).contains("<span class=\"tag mine\">you</span>");
		assertThat(hers.requirePart(label(published.date()), published.id())).doesNotContain("mine");

		String gapLabel = label(gap.date());
		String gapPart = hers.requirePart(gapLabel, gap.id());
		assertThat(GridPage.classes(gapPart)).contains("gap");
		assertThat(GridPage.owner(gapPart)).isEqualTo("Gap");
		assertThat(hers.cellOf(gapLabel, gap.id())).startsWith("<td class=\"gap");
		assertThat(gapPart).doesNotContain("/admin/gaps/").doesNotContain("volunteer");

		GridPage coordinators = page(coordinator, "view", "4weeks", "from", from, "zone", "rotation");
		assertThat(coordinators.requirePart(gapLabel, gap.id())).contains("href=\"/admin/gaps/" + gap.id() + "\"")
			.contains(">assign<");
		assertThat(coordinators.requirePart(label(mine.date()), mine.id())).doesNotContain("tag mine");

		// Opened to volunteers: the eligible participant may take it, an outsider only
		// reads that it is open.
		this.mvc
			.perform(post("/admin/gaps/{id}/open", gap.id()).with(user(TestPeople.signedIn(coordinator))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		String offered = page(volunteer, "view", "4weeks", "from", from, "zone", "rotation").requirePart(gapLabel,
				gap.id());
		assertThat(offered).containsPattern("action=\"/swaps/\\d+/accept\"").contains(">volunteer</button>");
		String outsiders = page(outsider, "view", "4weeks", "from", from, "zone", "rotation").requirePart(gapLabel,
				gap.id());
		assertThat(outsiders).doesNotContain("/accept").contains("open to volunteers").doesNotContain("/admin/gaps/");
	}

	@Test
	void overSeveralDaysTheDefaultWeekTodayAndTheAssignLinkFollowTheClock() throws Exception {
		Person coordinator = this.testPeople.coordinator("Clock Coordinator");
		ShiftView gap = shift("08:00-15:00", LocalDate.of(2026, 12, 7));
		reassign(gap, null);

		// Wednesday: her week is 30 Nov – 6 Dec, today is Wednesday; "next week" from the
		// home page is the week of 7 Dec.
		GridPage wednesday = page(this.bengaluru);
		assertThat(wednesday.dayLabels()).startsWith("Mon 30 Nov").hasSize(7);
		assertThat(wednesday.row("Wed 2 Dec")).contains("<span class=\"tag\">today</span>");
		assertThat(home(this.bengaluru)).contains("/rotations/" + this.rotation.id() + "?from=2026-12-07");

		// Sunday 20:00 UTC is already Monday 01:30 in Bengaluru: her week and today move
		// on, the rotation's (UTC) week does not.
		this.clock.set(Instant.parse("2026-12-06T20:00:00Z"));
		GridPage sunday = page(this.bengaluru);
		assertThat(sunday.dayLabels()).startsWith("Mon 7 Dec").hasSize(7);
		assertThat(sunday.row("Mon 7 Dec")).contains("<span class=\"tag\">today</span>");
		GridPage sundayUtc = page(this.bengaluru, "zone", "rotation");
		assertThat(sundayUtc.dayLabels()).startsWith("Mon 30 Nov");
		assertThat(sundayUtc.row("Sun 6 Dec")).contains("<span class=\"tag\">today</span>");
		assertThat(home(this.bengaluru)).contains("/rotations/" + this.rotation.id() + "?from=2026-12-14");

		// The gap can be assigned until it starts, though the shared grid is unchanged.
		GridPage.quiet(this.changes);
		MvcResult before = view(coordinator, "from", "2026-12-07");
		assertThat(new GridPage(html(before)).requirePart("Mon 7 Dec", gap.id())).contains("/admin/gaps/" + gap.id());
		this.clock.set(Instant.parse("2026-12-07T09:00:00Z"));
		MvcResult after = view(coordinator, "from", "2026-12-07");
		assertThat(new GridPage(html(after)).requirePart("Mon 7 Dec", gap.id())).doesNotContain("/admin/gaps/");
		assertThat(after.getModelAndView().getModel().get("grid"))
			.isSameAs(before.getModelAndView().getModel().get("grid"));
	}

	long reassign(ShiftView shift, Long owner) {
		return this.transaction
			.execute(tx -> this.shiftChanges.reassign(shift.id(), shift.version(), owner, "test: given by hand"));
	}

	static String label(LocalDate date) {
		return date.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH));
	}

	ShiftView shift(String slot, LocalDate date) {
		return this.shifts
			.ofRotation(this.rotation.id(), date.atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(1)),
					date.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant())
			.stream()
			.filter(s -> !s.shadow() && s.slot().equals(slot) && s.date().equals(date))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + slot + " shift on " + date));
	}

	GridPage page(Person viewer, String... params) throws Exception {
		return new GridPage(html(view(viewer, params)));
	}

	MvcResult view(Person viewer, String... params) throws Exception {
		MockHttpServletRequestBuilder request = get("/rotations/{id}", this.rotation.id())
			.with(user(TestPeople.signedIn(viewer)));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn();
	}

	String home(Person viewer) throws Exception {
		return html(this.mvc.perform(get("/").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andReturn());
	}

	static String html(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
