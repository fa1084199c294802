package com.example.imoc.swap;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;
import com.example.imoc.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The swap form's pickers search rather than list: by name and by first day, a page at a
 * time, with nobody out of reach (no cap), only for the holder of the shift or the
 * coordinator, and refusing bad input with the field named.
 */
@IntegrationTest
class SwapPickerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	TestPeople people;

	@Autowired
	JdbcTemplate jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void amongAThousandPeopleThe900thIsFoundByNameAndEveryMatchIsReachedPageByPage() throws Exception {
		Planned planned = this.fixtures.planned(1000, 1);
		ShiftView mine = this.fixtures.swappable(planned.rotation()).get(0);
		Set<Long> holding = new HashSet<>(this.jdbc.queryForList(
				"select distinct assignee_id from shift where rotation_id = ? and assignee_id is not null", Long.class,
				planned.rotation().id()));
		// The 900th participant, or the first after them who holds no shift (so no rule
		// can keep them from taking one).
		Person target = planned.staff()
			.subList(899, 1000)
			.stream()
			.filter(p -> !holding.contains(p.getId()))
			.findFirst()
			.orElseThrow();

		Map<?, ?> found = answer(get("/swaps/picker/people").param("shift", String.valueOf(mine.id()))
			.param("q", " " + target.getName().toUpperCase() + " ")
			.with(user(SwapFixtures.holder(mine))));
		assertThat(ids(found)).containsExactly(target.getId());
		assertThat((List<?>) found.get("items")).first()
			.isEqualTo(Map.of("id", target.getId().intValue(), "name", target.getName(), "zone", "Europe/London",
					"label", target.getName() + " (Europe/London)"));
		assertThat(found.get("next")).isNull();

		// The target's name less its last two digits ("Rota Person8" for the 900th)
		// matches 111 people (8, 80–89, 800–899): more than five pages; following "next"
		// reaches every one of them that may take the shift, once.
		String prefix = target.getName().substring(0, target.getName().length() - 2);
		List<Long> reached = new ArrayList<>();
		String next = "/swaps/picker/people?shift=" + mine.id() + "&q=" + prefix.replace(" ", "%20");
		int pages = 0;
		while (next != null) {
			Map<?, ?> page = answer(get(URI.create(next)).with(user(SwapFixtures.holder(mine))));
			assertThat((List<?>) page.get("items")).hasSizeLessThanOrEqualTo(SwapPickerController.PAGE);
			reached.addAll(ids(page));
			next = (String) page.get("next");
			pages++;
		}
		assertThat(pages).isGreaterThanOrEqualTo(5);
		assertThat(reached).doesNotHaveDuplicates().contains(target.getId()).hasSizeGreaterThan(100);
		assertThat(reached).doesNotContain(mine.assigneeId());

		// The form without JavaScript: the search button shows the matches in the list.
		String html = this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(mine.id()))
				.param("kind", "COVER")
				.param("personQuery", target.getName())
				.param("action", "search")
				.with(user(SwapFixtures.holder(mine)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html)
			.contains("<option value=\"" + target.getId() + "\">" + target.getName() + " (Europe/London)</option>")
			.contains("1 found.");
		assertThat(html.split("<option value=\"\\d+\"", -1)).as("one match listed").hasSize(2);
	}

	@Test
	void shiftsAreFoundByWhoHoldsThemAndFromADayInTheReadersZone() throws Exception {
		Planned planned = this.fixtures.planned(8, 4);
		ShiftView mine = this.fixtures.swappable(planned.rotation()).get(0);
		ZoneId zone = ZoneId.of("Asia/Kolkata");
		this.jdbc.update("update person set time_zone = ? where id = ?", zone.getId(), mine.assigneeId());
		Map<?, ?> all = answer(get("/swaps/picker/shifts").param("shift", String.valueOf(mine.id()))
			.with(user(SwapFixtures.holder(mine))));
		assertThat(all.get("zone")).isEqualTo("Asia/Kolkata");
		List<?> items = (List<?>) all.get("items");
		assertThat(items).isNotEmpty();
		Map<?, ?> first = (Map<?, ?>) items.get(0);
		String holder = (String) first.get("person");
		ShiftView theirs = this.fixtures.shift(((Number) first.get("id")).longValue());
		assertThat(first.get("label"))
			.isEqualTo(ShiftTimes.span(theirs.start(), theirs.end(), zone) + " · " + theirs.assigneeName());

		// By name: only their shifts; lower case and part of the name are enough.
		String part = holder.substring(holder.length() - 3).toLowerCase();
		Map<?, ?> byName = answer(get("/swaps/picker/shifts").param("shift", String.valueOf(mine.id()))
			.param("person", part)
			.with(user(SwapFixtures.holder(mine))));
		assertThat((List<?>) byName.get("items")).isNotEmpty()
			.allSatisfy(item -> assertThat(((Map<?, ?>) item).get("person").toString().toLowerCase()).contains(part));

		// From a day: nothing starting before that day begins, in the reader's zone.
		LocalDate from = Instant.parse((String) first.get("start")).atZone(zone).toLocalDate().plusDays(5);
		Map<?, ?> later = answer(get("/swaps/picker/shifts").param("shift", String.valueOf(mine.id()))
			.param("from", from.toString())
			.with(user(SwapFixtures.holder(mine))));
		List<?> laterItems = (List<?>) later.get("items");
		assertThat(laterItems).isNotEmpty()
			.allSatisfy(item -> assertThat(Instant.parse((String) ((Map<?, ?>) item).get("start")))
				.isAfterOrEqualTo(from.atStartOfDay(zone).toInstant()));
		List<Instant> starts = laterItems.stream()
			.map(item -> Instant.parse((String) ((Map<?, ?>) item).get("start")))
			.toList();
		assertThat(starts).isSorted();
		assertThat(ids(later)).doesNotContain(mine.id());
	}

	@Test
	void onlyTheHolderOrTheCoordinatorMaySearchForAShift() throws Exception {
		Planned planned = this.fixtures.planned(6, 3);
		ShiftView mine = this.fixtures.swappable(planned.rotation()).get(0);
		Person other = planned.staff()
			.stream()
			.filter(p -> !p.getId().equals(mine.assigneeId()))
			.findFirst()
			.orElseThrow();
		for (String picker : List.of("/swaps/picker/people", "/swaps/picker/shifts")) {
			this.mvc
				.perform(get(picker).param("shift", String.valueOf(mine.id())).with(user(TestPeople.signedIn(other))))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.error").value("You may not do this."))
				.andExpect(jsonPath("$.items").doesNotExist());
			this.mvc.perform(get(picker).param("shift", String.valueOf(mine.id())))
				.andExpect(status().is3xxRedirection());
			this.mvc.perform(get(picker).param("shift", "999999999").with(user(SwapFixtures.holder(mine))))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.error").value("There is no such shift."));
			this.mvc
				.perform(get(picker).param("shift", String.valueOf(mine.id()))
					.with(user(TestPeople.signedIn(this.people.coordinator("Picker Coordinator")))))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items").isArray());
		}
	}

	@Test
	void hostileSearchesAreRefusedBesideTheirFieldOrAnsweredAsPlainData() throws Exception {
		Planned planned = this.fixtures.planned(6, 3);
		ShiftView mine = this.fixtures.swappable(planned.rotation()).get(0);
		String shift = String.valueOf(mine.id());
		this.mvc
			.perform(get("/swaps/picker/people").param("shift", shift)
				.param("q", "x".repeat(101))
				.with(user(SwapFixtures.holder(mine))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.q").value("Type at most 100 characters of the name."));
		this.mvc
			.perform(get("/swaps/picker/shifts").param("shift", shift)
				.param("from", "<script>")
				.with(user(SwapFixtures.holder(mine))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.from").value("Give a date like 2026-12-03."));
		this.mvc
			.perform(get("/swaps/picker/shifts").param("shift", shift)
				.param("offset", "-1")
				.with(user(SwapFixtures.holder(mine))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.offset").exists());
		this.mvc.perform(get("/swaps/picker/people").param("shift", "abc").with(user(SwapFixtures.holder(mine))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.shift").exists());
		String hostile = "<img src=x onerror=alert(1)>' \"%_";
		this.mvc
			.perform(get("/swaps/picker/people").param("shift", shift)
				.param("q", hostile)
				.with(user(SwapFixtures.holder(mine))))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.items").isEmpty())
			.andExpect(jsonPath("$.next").doesNotExist());

		// The form without JavaScript keeps what was typed, escaped, and names the
		// problem.
		String html = this.mvc
			.perform(post("/swaps").param("shift", shift)
				.param("kind", "COVER")
				.param("personQuery", hostile)
				.param("action", "search")
				.with(user(SwapFixtures.holder(mine)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain("<img src=x").contains("value=\"" + HtmlUtils.htmlEscape(hostile) + "\"");
		this.mvc
			.perform(post("/swaps").param("shift", shift)
				.param("kind", "SWAP")
				.param("shiftPerson", "y".repeat(150))
				.param("shiftFrom", "someday")
				.param("action", "search")
				.with(user(SwapFixtures.holder(mine)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"shiftPerson-error\">Type at most 100 characters")))
			.andExpect(content().string(containsString("id=\"shiftFrom-error\">Give a date like 2026-12-03.")))
			.andExpect(content().string(containsString("value=\"someday\"")));
	}

	private Map<?, ?> answer(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		String body = this.mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readValue(body, Map.class);
	}

	private static List<Long> ids(Map<?, ?> answer) {
		return ((List<?>) answer.get("items")).stream()
			.map(item -> ((Number) ((Map<?, ?>) item).get("id")).longValue())
			.toList();
	}

}
