package com.example.imoc.swap;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.imoc.FormPage;
import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The swap pages as their readers meet them: the form shows one kind of request at a time
 * (without JavaScript too), its preview beside the Send button; a request speaks to
 * whoever reads it, in their zone; the navigation counts what waits for me and {@code /}
 * shows it.
 */
@IntegrationTest
class SwapPagesTests {

	private static final DateTimeFormatter DAY_AND_CLOCK = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	@Autowired
	MockMvc mvc;

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	TestPeople people;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theFormShowsOnlyTheChosenKindsFields() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		ShiftView mine = this.fixtures.swappable(planned.rotation()).get(0);
		SignedInPerson holder = SwapFixtures.holder(mine);

		String first = page(get("/swaps/new").param("shift", String.valueOf(mine.id())), holder);
		assertThat(first).contains("id=\"kind-swap\"", "id=\"kind-cover\"", "id=\"kind-open\"", ">Next</button>")
			.doesNotContain("checked=\"checked\"")
			.doesNotContain("id=\"counterpartShiftId\"", "id=\"toPersonId\"", "id=\"partStart\"", "id=\"deadline\"",
					"value=\"send\"");

		String cover = page(choose("COVER", mine), holder);
		assertThat(cover)
			.contains("id=\"personQuery\"", "id=\"toPersonId\"", "id=\"partStart\"", "id=\"partEnd\"", "value=\"send\"")
			.doesNotContain("id=\"counterpartShiftId\"", "id=\"shiftPerson\"", "id=\"deadline\"");
		FormPage.of(cover).isChecked("kind-cover", true).isChecked("kind-swap", false).hasUniqueIdsAndTiedLabels();

		String swap = page(choose("SWAP", mine), holder);
		assertThat(swap).contains("id=\"shiftPerson\"", "id=\"shiftFrom\"", "id=\"counterpartShiftId\"")
			.doesNotContain("id=\"toPersonId\"", "id=\"partStart\"", "id=\"deadline\"");

		String open = page(choose("OPEN_COVER", mine), holder);
		assertThat(open).contains("id=\"partStart\"", "id=\"deadline\"")
			.doesNotContain("id=\"toPersonId\"", "id=\"counterpartShiftId\"", "id=\"personQuery\"");

		assertThat(page(get("/swaps/new").param("shift", String.valueOf(mine.id())).param("kind", "COVER"), holder))
			.contains("id=\"toPersonId\"")
			.doesNotContain("id=\"counterpartShiftId\"");
	}

	@Test
	void aSearchWithoutJavaScriptKeepsWhatWasTyped() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap cover = this.fixtures.validCover(planned);
		ShiftView mine = this.fixtures.shift(cover.shiftId());
		Person wanted = this.people.find(cover.toPersonId());
		String html = page(kind("COVER", mine).param("action", "search")
			.param("personQuery", wanted.getName())
			.param("message", "Keep this"), SwapFixtures.holder(mine));
		assertThat(html).contains("value=\"" + wanted.getName() + "\"")
			.contains(">" + wanted.getName() + " (Europe/London)</option>")
			.contains(">Keep this</textarea>");
		assertThat(html.split("<option value=\"\\d+\"", -1)).as("only the match is listed").hasSize(2);
	}

	@Test
	void thePreviewSitsBesideTheSendButton() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap cover = this.fixtures.validCover(planned);
		ShiftView mine = this.fixtures.shift(cover.shiftId());
		String html = page(
				kind("COVER", mine).param("action", "preview").param("toPersonId", String.valueOf(cover.toPersonId())),
				SwapFixtures.holder(mine));
		String area = html.substring(html.indexOf("id=\"submit-area\""));
		area = area.substring(0, area.indexOf("</form>"));
		assertThat(area).contains("id=\"preview-title\"", "value=\"send\"", "value=\"preview\"");
		assertThat(area.indexOf("id=\"preview-title\"")).isLessThan(area.indexOf("value=\"send\""));
		assertThat(html).contains("value=\"send\" class=\"primary\" autofocus");
		assertThat(html.indexOf("id=\"preview-title\"")).as("no preview elsewhere on the page")
			.isEqualTo(html.lastIndexOf("id=\"preview-title\""));
	}

	@Test
	void aRequestSpeaksToEachReaderInTheirZone() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView given = this.fixtures.shift(ask.shiftId());
		ShiftView taken = this.fixtures.shift(ask.counterpartShiftId());
		this.jdbc.update("update person set time_zone = 'Asia/Kolkata' where id = ?", taken.assigneeId());
		SwapRequest request = this.swaps.request(SwapFixtures.holder(given), ask);
		String rotation = planned.rotation().name();
		ZoneId london = ZoneId.of("Europe/London");
		ZoneId kolkata = ZoneId.of("Asia/Kolkata");

		String requester = page(get("/swaps/{id}", request.id()), SwapFixtures.holder(given));
		assertThat(requester)
			.contains("You asked " + taken.assigneeName() + " to swap shifts with you.",
					"<dt>You give</dt><dd>the " + rotation + " shift " + human(given, london) + "</dd>",
					"<dt>You get</dt><dd>the " + rotation + " shift " + human(taken, london) + "</dd>")
			.doesNotContain("asks you");

		String counterpart = page(get("/swaps/{id}", request.id()), SwapFixtures.holder(taken));
		assertThat(counterpart)
			.contains(given.assigneeName() + " asks you to swap shifts.",
					"<dt>You get</dt><dd>the " + rotation + " shift " + human(given, kolkata) + "</dd>",
					"<dt>You give</dt><dd>the " + rotation + " shift " + human(taken, kolkata) + "</dd>")
			.doesNotContain("You asked");

		String coordinator = page(get("/swaps/{id}", request.id()),
				TestPeople.signedIn(this.people.coordinator("Wording Coordinator")));
		assertThat(coordinator).contains(given.assigneeName() + " and " + taken.assigneeName() + " swap shifts.",
				"<dt>" + given.assigneeName() + " gives</dt><dd>the " + rotation + " shift "
						+ human(given, ZoneId.of("UTC")) + "</dd>",
				"<dt>" + taken.assigneeName() + " gives</dt><dd>the " + rotation + " shift "
						+ human(taken, ZoneId.of("UTC")) + "</dd>")
			.doesNotContain("You give", "You get");
	}

	@Test
	void aCoverAsksTheCounterpartToTakeIt() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validCover(planned);
		ShiftView given = this.fixtures.shift(ask.shiftId());
		SwapRequest request = this.swaps.request(SwapFixtures.holder(given), ask);
		Person taker = this.people.find(ask.toPersonId());
		this.jdbc.update("update person set time_zone = 'America/Chicago' where id = ?", taker.getId());
		assertThat(page(get("/swaps/{id}", request.id()), TestPeople.signedIn(taker)))
			.contains(given.assigneeName() + " asks you to take the " + planned.rotation().name() + " shift "
					+ human(given, ZoneId.of("America/Chicago")) + ".");
	}

	@Test
	void theNavigationAndHomeShowWhatWaitsForMeUntilIAnswer() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validCover(planned);
		ShiftView given = this.fixtures.shift(ask.shiftId());
		SignedInPerson requester = SwapFixtures.holder(given);
		SignedInPerson taker = TestPeople.signedIn(this.people.find(ask.toPersonId()));
		Person bystander = planned.staff()
			.stream()
			.filter(p -> !p.getId().equals(given.assigneeId()) && !p.getId().equals(ask.toPersonId()))
			.findFirst()
			.orElseThrow();
		assertThat(page(get("/"), taker)).doesNotContain("id=\"swaps-waiting\"", "Waiting for your answer");

		SwapRequest request = this.swaps.request(requester, ask);
		String home = page(get("/"), taker);
		assertThat(home).contains("id=\"swaps-waiting\" title=\"1 waiting for your answer\">1</span>")
			.contains("Waiting for your answer")
			.contains(given.assigneeName() + " asks you to take the " + planned.rotation().name() + " shift "
					+ human(given, ZoneId.of("Europe/London")) + ".")
			.contains("href=\"/swaps/" + request.id() + "\">Answer</a>");
		assertThat(page(get("/my/shifts"), taker)).contains("id=\"swaps-waiting\"");
		for (SignedInPerson other : new SignedInPerson[] { requester, TestPeople.signedIn(bystander) }) {
			assertThat(page(get("/"), other)).doesNotContain("id=\"swaps-waiting\"", "Waiting for your answer");
		}

		this.mvc.perform(post("/swaps/{id}/accept", request.id()).with(user(taker)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get("/"), taker)).doesNotContain("id=\"swaps-waiting\"", "Waiting for your answer");
	}

	/** "Thu 3 Dec, 23:00–08:00 (Asia/Kolkata)", written out here rather than borrowed. */
	private static String human(ShiftView shift, ZoneId zone) {
		return DAY_AND_CLOCK.format(shift.start().atZone(zone)) + "–" + CLOCK.format(shift.end().atZone(zone)) + " ("
				+ zone.getId() + ")";
	}

	private static MockHttpServletRequestBuilder choose(String kind, ShiftView shift) {
		return kind(kind, shift).param("action", "choose");
	}

	private static MockHttpServletRequestBuilder kind(String kind, ShiftView shift) {
		return post("/swaps").param("shift", String.valueOf(shift.id())).param("kind", kind).with(csrf());
	}

	private String page(MockHttpServletRequestBuilder request, SignedInPerson reader) throws Exception {
		return this.mvc.perform(request.with(user(reader)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
