package com.example.imoc.swap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.audit.AuditEntry;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.calendar.FeedKind;
import com.example.imoc.calendar.FeedTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static com.example.imoc.swap.SwapFixtures.holder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A whole block, a range of dates, or a block for a block, as ONE request: consent,
 * validation per shift, all or nothing under concurrency, undo, expiry, notices, audit,
 * the feed, the API and the form. Runs in the context with a clock the test moves.
 */
class SwapSetTests extends ExternalApiTest {

	private static final JobKey EXPIRY = JobKey.jobKey("expire-swap-requests", "swap");

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRules rules;

	@Autowired
	SwapRequests requests;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	PersonRepository people;

	@Autowired
	TimeAway timeAway;

	@Autowired
	FeedTokens feedTokens;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Scheduler scheduler;

	@BeforeEach
	void holdTheExpiryJob() throws Exception {
		this.scheduler.pauseJob(EXPIRY);
		this.clock.set(Instant.now());
	}

	@AfterEach
	void releaseTheExpiryJob() throws Exception {
		this.clock.set(Instant.now());
		this.scheduler.resumeJob(EXPIRY);
	}

	@Test
	void aWholeBlockGivenAwayInOneRequestMovesAllFourShiftsWhenAccepted() throws Exception {
		Planned planned = this.fixtures.planned(8, 4);
		Offer offer = coverableBlock(planned);
		List<ShiftView> block = offer.block();
		Person to = offer.to();
		long requester = block.get(0).assigneeId();
		String feed = this.feedTokens.create(to.getId(), FeedKind.PERSON, null).secret();
		assertThat(ical(feed)).doesNotContain("UID:shift-" + block.get(0).id() + "@");

		// asked from the block's second day: the whole block goes, earliest first
		SwapRequest request = this.swaps.request(holder(block.get(1)), blockCover(block.get(1), to));
		assertThat(request.scope()).isEqualTo(SwapScope.BLOCK);
		assertThat(request.givenShiftIds()).containsExactlyElementsOf(ids(block));
		assertThat(request.shiftId()).isEqualTo(block.get(0).id());
		assertThat(notices(to.getId(), "swap.requested")).isEqualTo(1);
		assertThat(lastNotice(to.getId())).contains(startsIn(block, to.getId())).doesNotContain("{span:");

		SwapRequest accepted = this.swaps.accept(TestPeople.signedIn(to), request.id(), null, "");
		assertThat(accepted.state()).isEqualTo(SwapState.ACCEPTED);
		for (ShiftView shift : block) {
			ShiftView now = this.fixtures.shift(shift.id());
			assertThat(now.assigneeId()).as("%s moved", shift.date()).isEqualTo(to.getId());
			assertThat(now.sequence()).isEqualTo(shift.sequence() + 1);
		}
		assertThat(accepted.given()).allMatch(s -> s.resultVersion() != null);
		assertThat(notices(requester, "swap.accepted")).as("one notice for the set").isEqualTo(1);
		assertThat(lastNotice(requester)).contains(startsIn(block, requester)).doesNotContain("{span:");
		List<AuditEntry> audit = this.auditLog.about("swap", request.id());
		assertThat(audit).filteredOn(e -> e.getAction().equals("swap.accepted"))
			.singleElement()
			.satisfies(e -> assertThat(e.getDetails()).contains(dates(block)));
		String ical = ical(feed);
		for (ShiftView shift : block) {
			assertThat(ical).as("the feed shows %s", shift.date()).contains("UID:shift-" + shift.id() + "@");
		}
	}

	@Test
	void aBlockIsSwappedForAnotherPersonsBlockAndUndoPutsEveryShiftBack() {
		Planned planned = this.fixtures.planned(8, 4);
		BlockPair pair = swappableBlocks(planned, null);
		List<ShiftView> mine = pair.mine();
		List<ShiftView> theirs = pair.theirs();
		SwapRequest request = this.swaps.request(holder(mine.get(0)), blockSwap(mine.get(0), theirs.get(2)));
		assertThat(request.givenShiftIds()).containsExactlyElementsOf(ids(mine));
		assertThat(request.takenShiftIds()).containsExactlyElementsOf(ids(theirs));
		assertThat(request.counterpartShiftId()).isEqualTo(theirs.get(0).id());

		this.swaps.accept(holder(theirs.get(0)), request.id(), null, "");
		mine.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).isEqualTo(theirs.get(0).assigneeId()));
		theirs.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).isEqualTo(mine.get(0).assigneeId()));

		this.clock.add(Duration.ofHours(2));
		assertThat(this.swaps.undo(holder(mine.get(0)), request.id()).state()).isEqualTo(SwapState.ACCEPTED);
		this.clock.add(Duration.ofHours(3));
		assertThat(this.swaps.undo(holder(theirs.get(0)), request.id()).state()).isEqualTo(SwapState.UNDONE);
		mine.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).as("%s back", s.date())
			.isEqualTo(s.assigneeId()));
		theirs.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).as("%s back", s.date())
			.isEqualTo(s.assigneeId()));
		assertThat(this.auditLog.about("swap", request.id())).filteredOn(e -> e.getAction().equals("swap.undone"))
			.singleElement()
			.satisfies(e -> assertThat(e.getDetails()).contains(dates(mine)).contains(dates(theirs)));
	}

	@Test
	void aRangeCarriesOnlyTheHoldersShiftsBetweenTheTwoDates() {
		Planned planned = this.fixtures.planned(8, 4);
		Offer offer = coverableBlock(planned);
		List<ShiftView> block = offer.block();
		ShiftView second = block.get(1);
		NewSwap ask = new NewSwap(second.id(), SwapKind.COVER, null, offer.to().getId(), null, null, "", null, false,
				null, SwapScope.RANGE, block.get(1).date(), block.get(2).date(), second.slotId(), null);
		SwapRequest request = this.swaps.request(holder(second), ask);
		assertThat(request.scope()).isEqualTo(SwapScope.RANGE);
		assertThat(request.rangeFrom()).isEqualTo(block.get(1).date());
		assertThat(request.givenShiftIds()).containsExactly(block.get(1).id(), block.get(2).id());
		this.swaps.accept(TestPeople.signedIn(offer.to()), request.id(), null, "");
		assertThat(this.fixtures.shift(block.get(0).id()).assigneeId()).isEqualTo(second.assigneeId());
		assertThat(this.fixtures.shift(block.get(1).id()).assigneeId()).isEqualTo(offer.to().getId());
		assertThat(this.fixtures.shift(block.get(2).id()).assigneeId()).isEqualTo(offer.to().getId());
		assertThat(this.fixtures.shift(block.get(3).id()).assigneeId()).isEqualTo(second.assigneeId());

		NewSwap backwards = new NewSwap(block.get(3).id(), SwapKind.COVER, null, offer.to().getId(), null, null, "",
				null, false, null, SwapScope.RANGE, block.get(3).date(), block.get(0).date(), null, null);
		assertThat(this.swaps.validate(holder(block.get(3)), backwards)).extracting(SwapRefused::field).contains("to");
	}

	@Test
	void aRuleFailingOnTheThirdDayRefusesTheWholeSetAndNamesThatDay() {
		Planned planned = this.fixtures.planned(8, 4);
		Offer offer = coverableBlock(planned);
		List<ShiftView> block = offer.block();
		ShiftView third = block.get(2);
		Unavailability away = this.timeAway.seed(offer.to().getId(), Unavailability.Kind.PTO, third.date(),
				third.date(), "wedding");
		NewSwap ask = blockCover(block.get(0), offer.to());
		List<String> problems = this.swaps.validate(holder(block.get(0)), ask)
			.stream()
			.map(SwapRefused::getMessage)
			.toList();
		assertThat(problems).singleElement()
			.satisfies(m -> assertThat(m).startsWith("On " + third.date()).contains("is away then"));
		assertThatThrownBy(() -> this.swaps.request(holder(block.get(0)), ask)).isInstanceOf(SwapRefused.class)
			.hasMessageContaining(third.date().toString());
		assertThat(this.requests.openForShift(block.get(0).id())).isEmpty();

		// Asked while free; the time away is entered before the answer: nothing moves.
		this.jdbc.update("delete from unavailability where id = ?", away.getId());
		SwapRequest request = this.swaps.request(holder(block.get(0)), ask);
		this.timeAway.seed(offer.to().getId(), Unavailability.Kind.PTO, third.date(), third.date(), "wedding");
		assertThatThrownBy(() -> this.swaps.accept(TestPeople.signedIn(offer.to()), request.id(), null, ""))
			.isInstanceOf(SwapRefused.class)
			.hasMessageContaining("On " + third.date());
		block.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).isEqualTo(s.assigneeId()));
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.PENDING);
	}

	@Test
	void twoAcceptsOfOverlappingSetsAtOnceLeaveExactlyOneWinner() throws Exception {
		Planned planned = this.fixtures.planned(10, 4);
		BlockPair first = swappableBlocks(planned, null);
		BlockPair second = swappableBlocks(planned, first);
		assertThat(ids(second.theirs())).isEqualTo(ids(first.theirs()));
		SwapRequest a = this.swaps.request(holder(first.mine().get(0)),
				blockSwap(first.mine().get(0), first.theirs().get(0)));
		SwapRequest b = this.swaps.request(holder(second.mine().get(0)),
				blockSwap(second.mine().get(0), second.theirs().get(0)));
		Person answering = this.people.findById(first.theirs().get(0).assigneeId()).orElseThrow();

		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		ConcurrentLinkedQueue<Long> winners = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
		for (long id : List.of(a.id(), b.id())) {
			pool.submit(() -> {
				start.await();
				try {
					this.swaps.accept(TestPeople.signedIn(answering), id, null, "");
					winners.add(id);
				}
				catch (SwapRefused refused) {
					refusals.add(refused.getMessage());
				}
				return null;
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		assertThat(winners).hasSize(1);
		assertThat(refusals).singleElement().satisfies(m -> assertThat(m).contains("no longer valid"));
		long won = winners.peek();
		BlockPair winner = won == a.id() ? first : second;
		BlockPair loser = won == a.id() ? second : first;
		winner.theirs()
			.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId())
				.isEqualTo(winner.mine().get(0).assigneeId()));
		loser.mine()
			.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).as("the loser keeps %s", s.date())
				.isEqualTo(s.assigneeId()));
		assertThat(this.requests.find(won == a.id() ? b.id() : a.id()).orElseThrow().state())
			.isEqualTo(SwapState.INVALID);
	}

	@Test
	void aSetNobodyAnsweredExpiresWhenItsFirstShiftStartsAndCanNoLongerBeTaken() {
		Planned planned = this.fixtures.planned(8, 4);
		Offer offer = coverableBlock(planned);
		List<ShiftView> block = offer.block();
		SwapRequest request = this.swaps.request(holder(block.get(0)), blockCover(block.get(0), offer.to()));
		long requester = block.get(0).assigneeId();

		// day by day until the first shift starts: waiting, then expired with one notice
		while (this.clock.instant().plus(Duration.ofDays(1)).isBefore(block.get(0).start())) {
			this.clock.add(Duration.ofDays(1));
			this.swaps.expireDue();
			assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.PENDING);
		}
		this.clock.set(block.get(0).start().minusSeconds(60));
		this.swaps.expireDue();
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.PENDING);
		this.clock.set(block.get(0).start().plusSeconds(60));
		assertThat(this.swaps.expireDue()).isPositive();
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.EXPIRED);
		assertThat(notices(requester, "swap.expired")).isEqualTo(1);
		assertThat(lastNotice(requester)).contains(startsIn(block, requester)).doesNotContain("{span:");
		assertThatThrownBy(() -> this.swaps.accept(TestPeople.signedIn(offer.to()), request.id(), null, ""))
			.isInstanceOf(SwapRefused.class);
		block.forEach(s -> assertThat(this.fixtures.shift(s.id()).assigneeId()).isEqualTo(requester));
		// the expired set frees its shifts for a new request
		assertThat(this.requests.openForShift(block.get(1).id())).isEmpty();
	}

	@Test
	void theApiTakesTheOptionalScopeAndKeepsTheOldShape() throws Exception {
		Planned planned = this.fixtures.planned(8, 4);
		Offer offer = coverableBlock(planned);
		List<ShiftView> block = offer.block();
		String old = "{\"kind\": \"COVER\", \"shiftId\": " + block.get(0).id() + ", \"toPersonId\": "
				+ offer.to().getId() + "}";
		String created = this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content(old)
				.with(user(holder(block.get(0))))
				.with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("COVER"))
			.andExpect(jsonPath("$.state").value("PENDING"))
			.andExpect(jsonPath("$.shiftId").value(block.get(0).id()))
			.andExpect(jsonPath("$.counterpart.id").value(offer.to().getId()))
			.andExpect(jsonPath("$.scope").value("shift"))
			.andExpect(jsonPath("$.shiftIds.length()").value(1))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long single = Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
		this.mvc.perform(post("/api/v1/swaps/{id}/cancel", single).with(user(holder(block.get(0)))).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CANCELLED"));

		this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content("{\"kind\": \"COVER\", \"shiftId\": " + block.get(3).id() + ", \"toPersonId\": "
						+ offer.to().getId() + ", \"scope\": \"block\"}")
				.with(user(holder(block.get(0))))
				.with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.scope").value("block"))
			.andExpect(jsonPath("$.shiftId").value(block.get(0).id()))
			.andExpect(jsonPath("$.shiftIds[0]").value(block.get(0).id()))
			.andExpect(jsonPath("$.shiftIds[3]").value(block.get(3).id()))
			.andExpect(jsonPath("$.shiftIds.length()").value(4));

		this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content("{\"kind\": \"COVER\", \"shiftId\": " + block.get(0).id() + ", \"toPersonId\": "
						+ offer.to().getId() + ", \"scope\": \"season\"}")
				.with(user(holder(block.get(0))))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.scope").exists());
		this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content("{\"kind\": \"OPEN_COVER\", \"shiftId\": " + block.get(0).id()
						+ ", \"scope\": \"range\", \"from\": \"1st of May\"}")
				.with(user(holder(block.get(0))))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.from").exists());
		this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content("{\"kind\": \"OPEN_COVER\", \"shiftId\": " + block.get(0).id() + ", \"scope\": \"range\"}")
				.with(user(holder(block.get(0))))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.from").exists());
	}

	@Test
	void theFormOffersTheWholeBlockFirstAndThePageListsEveryShift() throws Exception {
		Planned planned = this.fixtures.planned(8, 4);
		Offer offer = coverableBlock(planned);
		List<ShiftView> block = offer.block();
		String form = this.mvc
			.perform(get("/swaps/new").param("shift", String.valueOf(block.get(1).id()))
				.param("kind", "COVER")
				.with(user(holder(block.get(1)))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).containsPattern("id=\"scope-block\"[^>]*checked");
		assertThat(form).contains("Your whole block: 4 shifts");

		String back = this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(block.get(1).id()))
				.param("kind", "COVER")
				.param("scope", "RANGE")
				.param("from", "not a date")
				.param("toPersonId", String.valueOf(offer.to().getId()))
				.with(user(holder(block.get(1))))
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(back).contains("id=\"from-error\"").contains("value=\"not a date\"");

		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(block.get(1).id()))
				.param("kind", "COVER")
				.param("scope", "BLOCK")
				.param("toPersonId", String.valueOf(offer.to().getId()))
				.with(user(holder(block.get(1))))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/swaps/*"));
		SwapRequest request = this.requests.openForShift(block.get(3).id()).orElseThrow();
		assertThat(request.givenShiftIds()).containsExactlyElementsOf(ids(block));
		String page = this.mvc.perform(get("/swaps/{id}", request.id()).with(user(TestPeople.signedIn(offer.to()))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String list = page.substring(page.indexOf("id=\"given-shifts\""));
		list = list.substring(0, list.indexOf("</ul>"));
		assertThat(list.split("<li>", -1)).hasSize(5);
		for (ShiftView shift : block) {
			assertThat(list).contains("datetime=\"" + shift.start() + "\"");
		}
	}

	record Offer(List<ShiftView> block, Person to) {
	}

	record BlockPair(List<ShiftView> mine, List<ShiftView> theirs) {
	}

	/**
	 * A whole future block of four day-time shifts (nothing crossing midnight, so a day
	 * of time away touches one shift) and a staff member who may take all of it.
	 */
	private Offer coverableBlock(Planned planned) {
		for (List<ShiftView> block : wholeBlocks(planned)) {
			for (Person to : planned.staff()) {
				if (to.getId().equals(block.get(0).assigneeId())) {
					continue;
				}
				if (this.swaps.validate(holder(block.get(0)), blockCover(block.get(0), to)).isEmpty()) {
					return new Offer(block, to);
				}
			}
		}
		throw new IllegalStateException("no block anyone could take in the test rotation");
	}

	/**
	 * Two whole blocks of different people that may be swapped; with {@code besides},
	 * another block of someone else that may be swapped for the same "theirs".
	 */
	private BlockPair swappableBlocks(Planned planned, BlockPair besides) {
		List<List<ShiftView>> blocks = wholeBlocks(planned);
		for (List<ShiftView> theirs : besides == null ? blocks : List.of(besides.theirs())) {
			for (List<ShiftView> mine : blocks) {
				if (mine.get(0).assigneeId().equals(theirs.get(0).assigneeId())
						|| (besides != null && mine.get(0).assigneeId().equals(besides.mine().get(0).assigneeId()))) {
					continue;
				}
				if (this.swaps.validate(holder(mine.get(0)), blockSwap(mine.get(0), theirs.get(0))).isEmpty()) {
					return new BlockPair(mine, theirs);
				}
			}
		}
		throw new IllegalStateException("no two blocks to swap in the test rotation");
	}

	private List<List<ShiftView>> wholeBlocks(Planned planned) {
		List<List<ShiftView>> blocks = new ArrayList<>();
		for (ShiftView shift : this.fixtures.swappable(planned.rotation())) {
			if (shift.slot().startsWith("23")) {
				continue;
			}
			List<ShiftView> block = this.swaps.blockOf(shift, this.rules.check());
			if (block.size() == 4 && block.get(0).id() == shift.id()) {
				blocks.add(block);
			}
		}
		return blocks;
	}

	private static NewSwap blockCover(ShiftView shift, Person to) {
		return new NewSwap(shift.id(), SwapKind.COVER, null, to.getId(), null, null, "", null, false, null,
				SwapScope.BLOCK, null, null, null, null);
	}

	private static NewSwap blockSwap(ShiftView mine, ShiftView theirs) {
		return new NewSwap(mine.id(), SwapKind.SWAP, theirs.id(), null, null, null, "", null, false, null,
				SwapScope.BLOCK, null, null, null, SwapScope.BLOCK);
	}

	private static List<Long> ids(List<ShiftView> shifts) {
		return shifts.stream().map(ShiftView::id).toList();
	}

	private static String dates(List<ShiftView> shifts) {
		List<String> dates = shifts.stream().map(s -> s.date().toString()).toList();
		return String.join(", ", dates.subList(0, dates.size() - 1)) + " and " + dates.get(dates.size() - 1);
	}

	/**
	 * Each shift's start as a notice names it to this person: in their zone, since a
	 * notice's times are put in the recipient's zone.
	 */
	private String[] startsIn(List<ShiftView> shifts, long personId) {
		ZoneId zone = this.people.findById(personId).orElseThrow().zone();
		DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
		return shifts.stream().map(s -> day.format(s.start().atZone(zone))).toArray(String[]::new);
	}

	private int notices(long personId, String kind) {
		return this.jdbc.queryForObject("select count(*) from notification where recipient_id = ? and kind = ?",
				Integer.class, personId, kind);
	}

	private String lastNotice(long personId) {
		return this.jdbc.queryForObject(
				"select subject || ' ' || body from notification where recipient_id = ? order by id desc limit 1",
				String.class, personId);
	}

	private String ical(String secret) throws Exception {
		return new String(this.mvc.perform(get("/ical/" + secret + ".ics"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray(), StandardCharsets.UTF_8).replace("\r\n ", "");
	}

}
