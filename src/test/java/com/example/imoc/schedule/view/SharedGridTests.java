package com.example.imoc.schedule.view;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.HeldScheduleJobs;
import com.example.imoc.schedule.ScheduleMaintenance;
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
 * The rotation page's grid is rendered once per data generation and shared by every
 * viewer ({@link GridHtml}, issue 17): the shared text escapes what people typed, holds
 * nothing of one viewer (their marks, their highlighted people, the actions they may take
 * and their CSRF token are filled in per request), and is rendered anew when the data
 * change; the cache of rendered grids stays within its bound.
 */
class SharedGridTests extends ExternalApiTest {

	/** A Wednesday morning, UTC. */
	static final Instant WEDNESDAY = Instant.parse("2026-12-02T06:00:00Z");

	static final String HOSTILE = "<script>alert(1)</script>";

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
	RotationWeeks rotationWeeks;

	@Autowired
	TimeAway timeAway;

	@Autowired
	PersonRepository people;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataChanges changes;

	Rotation rotation;

	List<Person> staff;

	@BeforeEach
	void aRotationInUtc() throws Exception {
		// The background repair would fill the gaps the tests make.
		this.heldJobs.hold();
		this.clock.set(WEDNESDAY);
		this.rotation = this.testRotations.imocLike("UTC", 3,
				List.of(slot("23:00", "08:00"), slot("08:00", "15:00"), slot("15:00", "23:00")));
		this.staff = this.testRotations.staff(this.rotation, 5);
		this.maintenance.maintain(this.rotation.id());
	}

	@AfterEach
	void resumeTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	@Test
	void aNameWithMarkupShowsAsTextInTheSharedGrid() throws Exception {
		ShiftView thursday = shift("08:00-15:00", LocalDate.of(2026, 12, 3));
		Person owner = this.people.findById(thursday.assigneeId()).orElseThrow();
		this.transaction.executeWithoutResult(tx -> this.jdbc
			.update("update person set name = ?, updated_at = now() where id = ?", HOSTILE, owner.getId()));
		GridPage.quiet(this.changes);
		String page = html(view(this.staff.get(0), "from", "2026-12-03", "zone", "rotation"));
		String part = new GridPage(page).requirePart("Thu 3 Dec", thursday.id());
		assertThat(GridPage.owner(part)).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(page).doesNotContain(HOSTILE);
		// Highlighting by a search for it finds the person; the search echoes as text.
		String found = html(view(this.staff.get(0), "from", "2026-12-03", "zone", "rotation", "who", "<script>"));
		assertThat(GridPage.classes(new GridPage(found).requirePart("Thu 3 Dec", thursday.id()))).contains("highlight");
		assertThat(found).doesNotContain(HOSTILE).doesNotContain("value=\"<script>");
	}

	@Test
	void twoPeopleSeeTheirOwnMarksOnOneSharedGridRenderedOnce() throws Exception {
		ShiftView thursday = shift("08:00-15:00", LocalDate.of(2026, 12, 3));
		Person holder = this.people.findById(thursday.assigneeId()).orElseThrow();
		Person other = this.staff.stream().filter(p -> !p.getId().equals(holder.getId())).findFirst().orElseThrow();
		GridPage.quiet(this.changes);
		RotationWeeks.Shown shared = this.rotationWeeks.shown(this.rotation, this.rotation.zone(), GridView.WEEK,
				LocalDate.of(2026, 11, 30));
		assertThat(shared.html().shared()).as("the shared text names no viewer's marks")
			.doesNotContain(" mine\"")
			.doesNotContain("class=\"tag mine\"")
			.doesNotContain(" highlight")
			.doesNotContain("_csrf")
			.doesNotContain("class=\"tag\">today<")
			.doesNotContain("/admin/gaps/");

		String[] params = { "from", "2026-12-03", "zone", "rotation" };
		MvcResult holders = view(holder, params);
		MvcResult others = view(other, params);
		String holdersPart = new GridPage(html(holders)).requirePart("Thu 3 Dec", thursday.id());
		String othersPart = new GridPage(html(others)).requirePart("Thu 3 Dec", thursday.id());
		assertThat(GridPage.classes(holdersPart)).contains("mine");
		assertThat(holdersPart).contains("<span class=\"tag mine\">you</span>");
		assertThat(GridPage.classes(othersPart)).doesNotContain("mine");
		assertThat(othersPart).doesNotContain(">you<");
		// Both pages were filled in from the same shared grid, not rendered for each.
		assertThat(this.rotationWeeks.shown(this.rotation, this.rotation.zone(), GridView.WEEK,
				LocalDate.of(2026, 11, 30)))
			.isSameAs(shared);
		assertThat(holders.getModelAndView().getModel().get("grid")).isSameAs(shared.week());
		assertThat(others.getModelAndView().getModel().get("grid")).isSameAs(shared.week());
		// Without the personal marks the two grids are the same text.
		assertThat(impersonal(table(html(holders)))).isEqualTo(impersonal(table(html(others))));

		// A change renders it anew: the shift changes hands, the marks follow.
		reassign(thursday, other.getId());
		GridPage.quiet(this.changes);
		String holdersNow = new GridPage(html(view(holder, params))).requirePart("Thu 3 Dec", thursday.id());
		String othersNow = new GridPage(html(view(other, params))).requirePart("Thu 3 Dec", thursday.id());
		assertThat(GridPage.owner(othersNow)).isEqualTo(other.getName());
		assertThat(othersNow).contains("<span class=\"tag mine\">you</span>");
		assertThat(holdersNow).doesNotContain(">you<");
		assertThat(this.rotationWeeks.shown(this.rotation, this.rotation.zone(), GridView.WEEK,
				LocalDate.of(2026, 11, 30)))
			.isNotSameAs(shared);
	}

	@Test
	void eachVolunteerFormCarriesThatSessionsOwnToken() throws Exception {
		ShiftView gap = shift("23:00-08:00", LocalDate.of(2026, 12, 4));
		reassign(gap, null);
		Person coordinator = this.testPeople.coordinator("Shared Grid Coordinator");
		this.mvc
			.perform(post("/admin/gaps/{id}/open", gap.id()).with(user(TestPeople.signedIn(coordinator))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		GridPage.quiet(this.changes);
		// Two participants without shifts yet: nothing of theirs is in the way.
		Person ann = volunteer("Ann Shared");
		Person bob = volunteer("Bob Shared");
		// Signed in for real, so each session keeps its own token.
		Cookie annsSession = signIn(ann);
		Cookie bobsSession = signIn(bob);
		String page = "/rotations/" + this.rotation.id() + "?from=2026-12-04&zone=rotation";
		String annsPage = html(this.mvc.perform(get(page).cookie(annsSession)).andExpect(status().isOk()).andReturn());
		String bobsPage = html(this.mvc.perform(get(page).cookie(bobsSession)).andExpect(status().isOk()).andReturn());
		String annsToken = volunteerToken(new GridPage(annsPage).requirePart("Fri 4 Dec", gap.id()));
		String bobsToken = volunteerToken(new GridPage(bobsPage).requirePart("Fri 4 Dec", gap.id()));
		assertThat(annsToken).isNotEqualTo(bobsToken);
		String action = "/swaps/" + offerId(annsPage) + "/accept";

		// Bob's token is refused in Ann's session; her own is taken.
		this.mvc.perform(post(action).cookie(annsSession).param("_csrf", bobsToken)).andExpect(status().isForbidden());
		assertThat(this.shifts.find(gap.id()).orElseThrow().assigneeId()).isNull();
		this.mvc.perform(post(action).cookie(annsSession).param("_csrf", annsToken))
			.andExpect(status().is3xxRedirection());
		assertThat(this.shifts.find(gap.id()).orElseThrow().assigneeId()).isEqualTo(ann.getId());
	}

	@Test
	void theRenderedGridsStayWithinTheirBoundInCharacters() {
		RotationWeeks small = new RotationWeeks(this.shifts, this.rotations, this.timeAway, this.people, this.changes,
				200, 1);
		ZoneId zone = ZoneId.of("Asia/Kolkata");
		LocalDate monday = LocalDate.of(2026, 11, 30);
		RotationWeeks.Shown first = small.shown(this.rotation, zone, GridView.WEEK, monday);
		assertThat(small.size()).isEqualTo(1);
		// Over the bound, the newest is kept and the older ones go.
		small.shown(this.rotation, zone, GridView.WEEK, monday.plusWeeks(1));
		assertThat(small.size()).isEqualTo(1);
		assertThat(small.chars())
			.isEqualTo(small.shown(this.rotation, zone, GridView.WEEK, monday.plusWeeks(1)).html().length());
		assertThat(small.shown(this.rotation, zone, GridView.WEEK, monday)).isNotSameAs(first);

		RotationWeeks roomy = new RotationWeeks(this.shifts, this.rotations, this.timeAway, this.people, this.changes,
				2, 10_000_000);
		long one = roomy.shown(this.rotation, zone, GridView.WEEK, monday).html().length();
		long two = roomy.shown(this.rotation, zone, GridView.WEEK, monday.plusWeeks(1)).html().length();
		assertThat(roomy.chars()).isEqualTo(one + two);
		roomy.shown(this.rotation, zone, GridView.WEEK, monday.plusWeeks(2));
		assertThat(roomy.size()).as("at most the entries allowed").isEqualTo(2);
		assertThat(roomy.chars()).isLessThan(
				one + two + roomy.shown(this.rotation, zone, GridView.WEEK, monday.plusWeeks(2)).html().length());
	}

	/**
	 * Signs in for real and returns the session cookie (sessions are kept by the
	 * application's own session store, found by cookie).
	 */
	Cookie signIn(Person person) throws Exception {
		var response = this.mvc.perform(
				post("/login").param("username", person.getEmail()).param("password", TestPeople.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(response.getRedirectedUrl()).as(person.getName() + " signs in").doesNotContain("error");
		Cookie[] cookies = response.getCookies();
		assertThat(cookies).as("the session's cookie").hasSize(1);
		return cookies[0];
	}

	Person volunteer(String name) {
		Person person = this.testPeople.manager(name);
		this.rotations.join(this.rotation.id(), person.getId(),
				this.rotation.layer("weekdays and weekends").orElseThrow().id());
		return person;
	}

	private static final Pattern TOKEN = Pattern
		.compile("class=\"inline volunteer\"><input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

	static String volunteerToken(String part) {
		Matcher token = TOKEN.matcher(part);
		assertThat(token.find()).as("a volunteer form with a token in\n" + part).isTrue();
		return token.group(1);
	}

	static long offerId(String page) {
		Matcher action = Pattern.compile("action=\"/swaps/(\\d+)/accept\"").matcher(page);
		assertThat(action.find()).isTrue();
		return Long.parseLong(action.group(1));
	}

	/** The grid table's markup. */
	static String table(String page) {
		int start = page.indexOf("<table class=\"grid");
		return page.substring(start, page.indexOf("</table>", start));
	}

	/** The markup without what is one viewer's own. */
	static String impersonal(String grid) {
		return grid.replace("<span class=\"tag mine\">you</span>\n", "").replace(" mine\"", "\"");
	}

	long reassign(ShiftView shift, Long owner) {
		ShiftView now = this.shifts.find(shift.id()).orElseThrow();
		return this.transaction
			.execute(tx -> this.shiftChanges.reassign(now.id(), now.version(), owner, "test: given by hand"));
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

	MvcResult view(Person viewer, String... params) throws Exception {
		var request = get("/rotations/{id}", this.rotation.id()).with(user(TestPeople.signedIn(viewer)));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn();
	}

	static String html(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
