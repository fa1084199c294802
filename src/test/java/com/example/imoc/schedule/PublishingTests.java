package com.example.imoc.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.SchedulePublication.PublicationRefused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Publishing a rotation's schedule up to a Monday: drafts beyond it, notices to the
 * owners of newly published shifts (once), the coordinator's form and who may use it.
 */
@IntegrationTest
class PublishingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	SchedulePublication publication;

	@Autowired
	Shifts shifts;

	@Autowired
	Rotations rotations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AccessTokens tokens;

	private Rotation plannedRotation(int weeks, int people) {
		Rotation rotation = this.testRotations.imocLike(weeks);
		this.testRotations.staff(rotation, people);
		this.maintenance.maintain(rotation.id());
		return rotation;
	}

	private List<ShiftView> future(Rotation rotation) {
		Instant now = Instant.now();
		return this.shifts.ofRotation(rotation.id(), now, now.plus(Duration.ofDays(400)));
	}

	private Instant boundary(Rotation rotation) {
		return this.rotations.publishedUntil(rotation.id()).orElseThrow();
	}

	/** Notices about published shifts, per recipient: their bodies. */
	private Map<Long, List<String>> publishNotices(List<Long> recipients) {
		return this.jdbc
			.sql("select recipient_id, body from notification where kind = 'schedule.published' and recipient_id in ("
					+ recipients.stream().map(String::valueOf).collect(Collectors.joining(",")) + ") order by id")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	@Test
	void aNewRotationStartsPublishedUpToTheMondayAfterTheEndOfNextMonthAndLaterShiftsAreDrafts() {
		Rotation rotation = plannedRotation(12, 8);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate expected = today.withDayOfMonth(1).plusMonths(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
		assertThat(boundary(rotation)).isEqualTo(expected.atStartOfDay(ZoneOffset.UTC).toInstant());
		List<ShiftView> future = future(rotation);
		assertThat(future).filteredOn(s -> s.start().isBefore(boundary(rotation)))
			.isNotEmpty()
			.allMatch(ShiftView::published);
		assertThat(future).filteredOn(s -> !s.start().isBefore(boundary(rotation)))
			.isNotEmpty()
			.allMatch(ShiftView::isDraft);
	}

	@Test
	void publishingOverSeveralDaysPublishesTheDraftsAndTellsEachOwnerOnceAboutTheirNewShifts() {
		Rotation rotation = plannedRotation(14, 8);
		Instant before = boundary(rotation);
		LocalDate first = LocalDate.ofInstant(before, ZoneOffset.UTC).plusWeeks(2);
		LocalDate second = first.plusWeeks(2);
		List<ShiftView> drafts = future(rotation).stream()
			.filter(s -> !s.start().isBefore(before)
					&& s.start().isBefore(second.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.toList();
		assertThat(drafts).isNotEmpty().allMatch(ShiftView::isDraft);
		List<Long> owners = drafts.stream().map(ShiftView::assigneeId).filter(id -> id != null).distinct().toList();

		// Day 1: publish two more weeks.
		Instant day1 = Instant.now();
		SchedulePublication.Published published = this.publication.publish(rotation.id(), first, day1);
		Instant firstBoundary = first.atStartOfDay(ZoneOffset.UTC).toInstant();
		List<ShiftView> firstBatch = drafts.stream().filter(s -> s.start().isBefore(firstBoundary)).toList();
		assertThat(published.shifts()).isEqualTo(firstBatch.size());
		Map<Long, List<ShiftView>> byOwner = firstBatch.stream()
			.filter(s -> !s.isGap())
			.collect(Collectors.groupingBy(ShiftView::assigneeId));
		assertThat(published.people()).isEqualTo(byOwner.size());
		for (ShiftView shift : firstBatch) {
			ShiftView now = this.shifts.find(shift.id()).orElseThrow();
			assertThat(now.published()).isTrue();
			assertThat(now.sequence()).isEqualTo(shift.sequence() + 1);
			assertThat(now.version()).as("a swap asked about the draft stays valid").isEqualTo(shift.version());
		}
		Map<Long, List<String>> notices = publishNotices(owners);
		assertThat(notices.keySet()).containsExactlyInAnyOrderElementsOf(byOwner.keySet());
		byOwner.forEach((owner, mine) -> {
			assertThat(notices.get(owner)).hasSize(1);
			assertThat(notices.get(owner).get(0)).contains(rotation.name(), first.toString())
				.contains(
						mine.size() == 1 ? "This shift of yours is" : "These " + mine.size() + " shifts of yours are");
			assertThat(notices.get(owner).get(0).lines().filter(l -> l.startsWith("- "))).hasSize(mine.size());
		});

		// Day 1 again: the same range once more changes nothing and tells nobody.
		SchedulePublication.Published again = this.publication.publish(rotation.id(), first, day1.plusSeconds(60));
		assertThat(again.shifts()).isZero();
		assertThat(publishNotices(owners).values().stream().mapToInt(List::size).sum()).isEqualTo(byOwner.size());

		// Day 8: the next two weeks; shifts already over by then are published but
		// announce nothing.
		Instant day8 = day1.plus(Duration.ofDays(7));
		SchedulePublication.Published later = this.publication.publish(rotation.id(), second, day8);
		List<ShiftView> secondBatch = drafts.stream().filter(s -> !s.start().isBefore(firstBoundary)).toList();
		assertThat(later.shifts()).isEqualTo(secondBatch.size());
		Map<Long, Long> secondPerOwner = secondBatch.stream()
			.filter(s -> !s.isGap() && s.end().isAfter(day8))
			.collect(Collectors.groupingBy(ShiftView::assigneeId, Collectors.counting()));
		Map<Long, List<String>> all = publishNotices(owners);
		secondPerOwner.forEach((owner, count) -> {
			assertThat(all.get(owner)).hasSize(byOwner.containsKey(owner) ? 2 : 1);
			assertThat(all.get(owner).get(all.get(owner).size() - 1)).contains(second.toString());
		});
		assertThat(future(rotation))
			.filteredOn(s -> s.start().isBefore(second.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.allMatch(ShiftView::published);
		assertThat(this.auditLog.about("rotation", rotation.id())).extracting(e -> e.getDetails())
			.anyMatch(d -> d.startsWith("published up to " + first + " (was "))
			.anyMatch(d -> d.equals("published up to " + first + " again: nothing new"))
			.anyMatch(d -> d.startsWith("published up to " + second));
	}

	@Test
	void publishedShiftsAreNotTakenBack() {
		Rotation rotation = plannedRotation(10, 6);
		LocalDate current = LocalDate.ofInstant(boundary(rotation), ZoneOffset.UTC);
		assertThatThrownBy(() -> this.publication.publish(rotation.id(), current.minusWeeks(1), Instant.now()))
			.isInstanceOf(PublicationRefused.class)
			.hasMessageContaining("already published up to " + current);
		assertThat(LocalDate.ofInstant(boundary(rotation), ZoneOffset.UTC)).isEqualTo(current);
	}

	@Test
	void twoCoordinatorsPublishingAtOnceTakeTurnsAndEveryShiftIsAnnouncedOnce() throws Exception {
		Rotation rotation = plannedRotation(14, 8);
		Instant base = boundary(rotation);
		LocalDate near = LocalDate.ofInstant(base, ZoneOffset.UTC).plusWeeks(1);
		LocalDate far = near.plusWeeks(2);
		Instant now = Instant.now();
		List<ShiftView> held = future(rotation).stream()
			.filter(s -> !s.isGap() && !s.start().isBefore(base)
					&& s.start().isBefore(far.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.toList();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> outcomes = new ArrayList<>();
			for (LocalDate monday : List.of(near, far)) {
				outcomes.add(pool.submit(() -> {
					go.await();
					try {
						return "published " + this.publication.publish(rotation.id(), monday, now).shifts();
					}
					catch (PublicationRefused ex) {
						return "refused";
					}
				}));
			}
			go.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get(60, TimeUnit.SECONDS));
			}
			assertThat(results.get(1)).startsWith("published");
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(boundary(rotation)).isEqualTo(far.atStartOfDay(ZoneOffset.UTC).toInstant());
		List<Long> owners = held.stream().map(ShiftView::assigneeId).distinct().toList();
		long listed = publishNotices(owners).values()
			.stream()
			.flatMap(List::stream)
			.flatMap(String::lines)
			.filter(line -> line.startsWith("- "))
			.count();
		assertThat(listed).isEqualTo(held.size());
	}

	@Test
	void theDatabaseRefusesABoundaryThatIsNotAMondayMidnightUtc() {
		Rotation rotation = this.testRotations.imocLike(1);
		assertThatThrownBy(() -> this.jdbc.sql("update rotation set published_until = ? where id = ?")
			.params(java.sql.Timestamp.from(Instant.parse("2027-01-05T00:00:00Z")), rotation.id())
			.update()).hasMessageContaining("rotation_published_until_monday");
	}

	@Test
	void theCoordinatorsFormOffersTheMondayAfterTheEndOfNextMonthAndPublishes() throws Exception {
		Rotation rotation = plannedRotation(12, 6);
		Person coordinator = this.testPeople.coordinator("Publishing Coordinator");
		LocalDate offered = SchedulePublication.suggestedUntil(LocalDate.now(ZoneOffset.UTC), boundary(rotation));
		assertThat(offered.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
		this.mvc
			.perform(get("/admin/rotations/{id}/publish", rotation.id()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"" + offered + "\"")));
		LocalDate target = LocalDate.ofInstant(boundary(rotation), ZoneOffset.UTC).plusWeeks(1);
		this.mvc
			.perform(post("/admin/rotations/{id}/publish", rotation.id()).param("until", target.toString())
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/rotations/" + rotation.id()));
		assertThat(boundary(rotation)).isEqualTo(target.atStartOfDay(ZoneOffset.UTC).toInstant());
		this.mvc.perform(get("/rotations/{id}", rotation.id()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(containsString("Published up to <strong>Monday " + target + " 00:00 UTC")));
	}

	@Test
	void aRefusedDateComesBackAsTypedWithTheReasonBesideTheField() throws Exception {
		Rotation rotation = plannedRotation(8, 6);
		Person coordinator = this.testPeople.coordinator("Typo Coordinator");
		Instant before = boundary(rotation);
		LocalDate current = LocalDate.ofInstant(before, ZoneOffset.UTC);
		Map<String, String> typed = Map.of("next week-ish", "is not a date; write it as YYYY-MM-DD",
				current.plusDays(2).toString(),
				"is a Wednesday; changes take effect on a Monday 00:00 UTC: pick " + current + " or "
						+ current.plusWeeks(1),
				current.minusWeeks(2).toString(), "already published up to " + current, "", "Enter the Monday",
				current.plusYears(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).toString(),
				"Publish at most 104 weeks ahead");
		for (Map.Entry<String, String> entry : typed.entrySet()) {
			this.mvc
				.perform(post("/admin/rotations/{id}/publish", rotation.id()).param("until", entry.getKey())
					.with(user(TestPeople.signedIn(coordinator)))
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("value=\"" + entry.getKey() + "\""),
						containsString("id=\"until-error\""), containsString(entry.getValue()))));
		}
		assertThat(boundary(rotation)).isEqualTo(before);
	}

	@Test
	void onlyTheCoordinatorPublishesAndOnlyWithTheFormsToken() throws Exception {
		Rotation rotation = plannedRotation(8, 6);
		Person manager = this.testPeople.manager("Would Publish");
		Person coordinator = this.testPeople.coordinator("Tokenless Coordinator");
		Instant before = boundary(rotation);
		String later = LocalDate.ofInstant(before, ZoneOffset.UTC).plusWeeks(1).toString();
		this.mvc.perform(get("/admin/rotations/{id}/publish", rotation.id()).with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/rotations/{id}/publish", rotation.id()).param("until", later)
				.with(user(TestPeople.signedIn(manager)))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/rotations/{id}/publish", rotation.id()).param("until", later)
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/rotations/{id}/publish", 987_654_321L).param("until", later)
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(boundary(rotation)).isEqualTo(before);
	}

	@Test
	void draftsAreMarkedOnThePagesAndInTheApi() throws Exception {
		Rotation rotation = plannedRotation(12, 6);
		Instant until = boundary(rotation);
		ShiftView draft = future(rotation).stream()
			.filter(s -> !s.shadow() && !s.isGap() && !s.start().isBefore(until))
			.findFirst()
			.orElseThrow();
		ShiftView published = future(rotation).stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isBefore(until) && s.start().isAfter(Instant.now()))
			.findFirst()
			.orElseThrow();
		Person owner = this.testPeople.find(draft.assigneeId());
		this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("week", draft.date().toString())
				.with(user(TestPeople.signedIn(owner))))
			.andExpect(content().string(containsString("<span class=\"tag draft\"")));
		this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("week", published.date().toString())
				.with(user(TestPeople.signedIn(owner))))
			.andExpect(content().string(not(containsString("<span class=\"tag draft\" title"))));
		this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(owner))))
			.andExpect(content().string(containsString("<span class=\"tag draft\" title")));
		String bearer = "Bearer " + this.tokens.create(owner.getId(), "test").secret();
		this.mvc
			.perform(get("/api/v1/shifts").param("from", draft.start().toString())
				.param("to", draft.end().toString())
				.header("Authorization", bearer))
			.andExpect(jsonPath("$[?(@.id == " + draft.id() + ")].published").value(hasItem(false)));
		this.mvc
			.perform(get("/api/v1/shifts").param("from", published.start().toString())
				.param("to", published.end().toString())
				.header("Authorization", bearer))
			.andExpect(jsonPath("$[?(@.id == " + published.id() + ")].published").value(hasItem(true)));
	}

}
