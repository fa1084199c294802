package com.example.imoc.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.incident.lieu.PersonHours;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.Shifts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A page counts for whoever held the IMOC rotation's primary shift at the page instant,
 * as the schedule says now (swaps, covers and partial covers applied), not for the IMOC
 * recorded on the incident. S1 and S2 page the IMOC at "declared at"; further pages are
 * the times typed on the incident.
 * <p>
 * Each test uses its own weekend of the IMOC rotation (seeded by V6), in the past, so
 * tests sharing the database never meet. Test people live in Europe/London: a Saturday
 * shift of 4 hours owes 5 hours in lieu, or 8 when paged.
 */
@IntegrationTest
class PagedShiftTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Incidents incidents;

	@Autowired
	OnCallHours onCallHours;

	@Autowired
	ShiftChanges shiftChanges;

	@Autowired
	Shifts shifts;

	@Autowired
	TransactionTemplate transactions;

	private long shift(String slot, String start, String end, Person person) {
		long rotation = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		long layer = this.jdbc.queryForObject(
				"select id from rotation_layer where rotation_id = ? order by precedence limit 1", Long.class,
				rotation);
		long slotId = this.jdbc.queryForObject("select id from rotation_slot where rotation_id = ? and label = ?",
				Long.class, rotation, slot);
		return this.jdbc.queryForObject("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
				values (?, ?, ?, ?, ?, ?, ?, false) returning id""", Long.class, rotation, layer, slotId,
				LocalDate.parse(start.substring(0, 10)), Timestamp.from(Instant.parse(start)),
				Timestamp.from(Instant.parse(end)), person.getId());
	}

	private Incident declare(String title, Severity severity, String declaredAt, Long imoc, String pages) {
		IncidentForm form = IncidentForm.blank(this.incidents.services(), Instant.parse(declaredAt));
		form.setTitle(title);
		form.setSeverity(severity);
		form.setStatus(IncidentStatus.ACTIVE);
		form.setRootCause(RootCause.CONFIG_CHANGE);
		form.setImocPersonId(imoc);
		form.setPages(pages);
		return this.incidents.create(form);
	}

	private Map<Long, PersonHours> report(String from, String to) {
		return this.onCallHours.report(LocalDate.parse(from), LocalDate.parse(to))
			.stream()
			.collect(Collectors.toMap(row -> row.person().getId(), OnCallHours.Row::hours));
	}

	@Test
	void aSwapAfterTheDeclarationMovesThePageToWhoeverHeldTheShiftThen() {
		Person ann = this.testPeople.manager("Ann Declared");
		Person ben = this.testPeople.manager("Ben Swapped");
		long saturday = shift("11:00-15:00", "2024-08-17T11:00:00Z", "2024-08-17T15:00:00Z", ann);
		long sunday = shift("11:00-15:00", "2024-08-18T11:00:00Z", "2024-08-18T15:00:00Z", ben);
		Incident incident = declare("Saturday outage", Severity.S2, "2024-08-17T12:00:00Z", null, "");
		assertThat(incident.getImocPersonId()).isEqualTo(ann.getId());
		assertThat(report("2024-08-17", "2024-08-18").get(ann.getId()).pagedShifts()).isEqualTo(1);

		// Ann and Ben had swapped their weekend shifts; the override is recorded only
		// after the incident.
		this.transactions.executeWithoutResult(tx -> {
			this.shiftChanges.reassign(saturday, this.shifts.find(saturday).orElseThrow().version(), ben.getId(),
					"swap recorded late");
			this.shiftChanges.reassign(sunday, this.shifts.find(sunday).orElseThrow().version(), ann.getId(),
					"swap recorded late");
		});

		Map<Long, PersonHours> hours = report("2024-08-17", "2024-08-18");
		assertThat(hours.get(ben.getId()).pagedShifts()).isEqualTo(1);
		assertThat(hours.get(ben.getId()).lieuHours()).isEqualTo(8.0);
		assertThat(hours.get(ann.getId()).pagedShifts()).isZero();
		assertThat(hours.get(ann.getId()).lieuHours()).isEqualTo(5.0);
		// The incident still names the IMOC recorded at declaration; its page names who
		// was on shift.
		assertThat(this.incidents.view(incident.getId()).imoc().id()).isEqualTo(ann.getId());
		assertThat(this.incidents.view(incident.getId()).pages()).singleElement()
			.satisfies(page -> assertThat(page.person().id()).isEqualTo(ben.getId()));
	}

	@Test
	void aRecordedImocWhoWasNotOnShiftDoesNotGetThePageTheOnShiftImDoes() {
		Person onShift = this.testPeople.manager("Olive OnShift");
		Person recorded = this.testPeople.manager("Rex Recorded");
		shift("11:00-15:00", "2024-08-24T11:00:00Z", "2024-08-24T15:00:00Z", onShift);
		shift("15:00-19:00", "2024-08-24T15:00:00Z", "2024-08-24T19:00:00Z", recorded);
		// An S3 (no page of its own) with Rex chosen as IMOC, and one page typed at 13:30
		// during Olive's shift.
		declare("Minor, paged once", Severity.S3, "2024-08-24T13:00:00Z", recorded.getId(), "2024-08-24 13:30");

		Map<Long, PersonHours> hours = report("2024-08-24", "2024-08-24");
		assertThat(hours.get(onShift.getId()).pagedShifts()).isEqualTo(1);
		assertThat(hours.get(recorded.getId()).pagedShifts()).isZero();
	}

	@Test
	void anS1OrS2PagesAtItsDeclarationAndAnS3OrS4DoesNot() {
		Person early = this.testPeople.manager("Eve Early");
		Person late = this.testPeople.manager("Leo Late");
		Person evening = this.testPeople.manager("Eli Evening");
		shift("05:00-11:00", "2024-08-31T05:00:00Z", "2024-08-31T11:00:00Z", early);
		shift("11:00-15:00", "2024-08-31T11:00:00Z", "2024-08-31T15:00:00Z", late);
		shift("15:00-19:00", "2024-08-31T15:00:00Z", "2024-08-31T19:00:00Z", evening);
		declare("S1 at the handoff", Severity.S1, "2024-08-31T11:00:00Z", null, "");
		declare("S4 in the evening", Severity.S4, "2024-08-31T16:00:00Z", null, "");

		Map<Long, PersonHours> hours = report("2024-08-31", "2024-08-31");
		// At a handoff instant the incoming IM holds the shift ([start, end)).
		assertThat(hours.get(late.getId()).pagedShifts()).isEqualTo(1);
		assertThat(hours.get(early.getId()).pagedShifts()).isZero();
		assertThat(hours.get(evening.getId()).pagedShifts()).isZero();
	}

	@Test
	void aPartialCoverGivesThePageToWhoeverHeldThatPartOfTheShift() throws Exception {
		Person owner = this.testPeople.manager("Opal Owner");
		Person cover = this.testPeople.manager("Cal Cover");
		long shift = shift("11:00-15:00", "2024-09-07T11:00:00Z", "2024-09-07T15:00:00Z", owner);
		this.transactions.executeWithoutResult(tx -> this.shiftChanges.handOverPart(shift,
				this.shifts.find(shift).orElseThrow().version(), Instant.parse("2024-09-07T13:00:00Z"),
				Instant.parse("2024-09-07T14:00:00Z"), cover.getId(), "covering an hour"));
		Incident incident = declare("During the cover", Severity.S2, "2024-09-07T13:30:00Z", owner.getId(),
				"2024-09-07 14:30");

		Map<Long, PersonHours> hours = report("2024-09-07", "2024-09-07");
		assertThat(hours.get(cover.getId()).pagedShifts()).isEqualTo(1);
		// Opal's two parts: 11–13 not paged, 14–15 paged by the second page.
		assertThat(hours.get(owner.getId()).shifts()).isEqualTo(2);
		assertThat(hours.get(owner.getId()).pagedShifts()).isEqualTo(1);

		Person reader = this.testPeople.manager("Rae Reader");
		this.mvc.perform(get("/incidents/{id}", incident.getId()).with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Cal Cover")));
		this.mvc.perform(get("/api/v1/incidents").with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + incident.getId() + ")].pages[*].person.name")
				.value(org.hamcrest.Matchers.contains("Cal Cover", "Opal Owner")));
	}

	@Test
	void aPageDuringACoverageGapCountsForNobody() {
		long rotation = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		long layer = this.jdbc.queryForObject(
				"select id from rotation_layer where rotation_id = ? order by precedence limit 1", Long.class,
				rotation);
		long slotId = this.jdbc.queryForObject("select id from rotation_slot where rotation_id = ? and label = ?",
				Long.class, rotation, "11:00-15:00");
		this.jdbc.update(
				"""
						insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
						values (?, ?, ?, date '2024-09-14', timestamptz '2024-09-14T11:00:00Z', timestamptz '2024-09-14T15:00:00Z',
						        null, false)""",
				rotation, layer, slotId);
		Person chosen = this.testPeople.manager("Gus Gap");
		Incident incident = declare("In a gap", Severity.S1, "2024-09-14T12:00:00Z", chosen.getId(), "");
		assertThat(this.incidents.view(incident.getId()).pages()).singleElement()
			.satisfies(page -> assertThat(page.person()).isNull());
		assertThat(report("2024-09-14", "2024-09-14")).doesNotContainKey(chosen.getId());
		assertThat(List.of(incident.getImocPersonId())).containsExactly(chosen.getId());
	}

}
