package com.example.imoc.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.imoc.MutableClock;
import com.example.imoc.notify.ChannelOutbox;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;
import com.example.imoc.swap.SwapActions;
import com.example.imoc.swap.SwapKind;
import com.example.imoc.swap.SwapRequest;
import com.example.imoc.swap.SwapState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Slack app against the running application (real HTTP, embedded PostgreSQL) and a
 * local stand-in for Slack's Web API that records what the SDK sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SlackAppTests {

	static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	static final StubSlack slack;

	static {
		try {
			slack = new StubSlack();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void slackSettings(DynamicPropertyRegistry registry) {
		registry.add("imoc.slack.bot-token", () -> "xoxb-test-token");
		registry.add("imoc.slack.signing-secret", () -> SECRET);
		registry.add("imoc.slack.api-url", slack::url);
		registry.add("imoc.slack.user-group-id", () -> "S0ONCALL");
		registry.add("imoc.slack.run-jobs", () -> "false");
		registry.add("imoc.slack.longest-retry-after", () -> "2s");
		// Every rotation a test makes has its own channel, named after its id.
		for (int id = 1; id <= 30; id++) {
			String channel = "C0ROT" + id;
			registry.add("imoc.slack.channels." + id, () -> channel);
		}
	}

	@BeforeEach
	void slackIsUp() {
		slack.failWith(0, 0);
	}

	@AfterAll
	static void stopSlack() {
		slack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TestPeople people;

	@Autowired
	Shifts shifts;

	@Autowired
	SwapActions swaps;

	@Autowired
	ChannelOutbox channels;

	@Autowired
	SlackMessages messages;

	@Autowired
	SlackChannelPosts posts;

	@Autowired
	SlackSignatures signatures;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	// --- signed requests

	@Test
	void aSignedCommandIsAnsweredAndForgedStaleOrReplayedOnesAreRefused() throws Exception {
		Person me = inSlack(this.testRotations.staff(planned(3), 1).get(0));
		String body = form(Map.of("command", "/imoc", "text", "help", "user_id", slackId(me)));
		String now = String.valueOf(Instant.now().getEpochSecond());

		HttpResponse<String> signed = post("/slack/commands", body, now, this.signatures.sign(now, bytes(body)));
		assertThat(signed.statusCode()).isEqualTo(200);
		assertThat(signed.body()).contains("ephemeral").contains("/imoc who");

		assertThat(post("/slack/commands", body, now, this.signatures.sign(now, bytes(body))).statusCode())
			.as("the same request again (a replay)")
			.isEqualTo(401);
		String later = String.valueOf(Instant.now().getEpochSecond() + 1);
		assertThat(post("/slack/commands", body, later, "v0=" + "0".repeat(64)).statusCode()).as("a wrong signature")
			.isEqualTo(401);
		String tampered = body.replace("help", "who");
		assertThat(post("/slack/commands", tampered, later, this.signatures.sign(later, bytes(body))).statusCode())
			.as("a body that is not the one signed")
			.isEqualTo(401);
		String old = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
		assertThat(post("/slack/commands", body, old, this.signatures.sign(old, bytes(body))).statusCode())
			.as("a correctly signed request 6 minutes old")
			.isEqualTo(401);
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/slack/commands"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).as("no signature at all").isEqualTo(401);
	}

	@Test
	void whoAndMeAnswerFromTheSchedule() throws Exception {
		Rotation rotation = planned(4);
		ShiftView next = this.shifts.nextStart(rotation.id(), Instant.now()).orElseThrow();
		Person holder = inSlack(personOf(next));

		assertThat(command(holder, "who").body()).contains(rotation.name()).contains(next.assigneeName());
		assertThat(command(holder, "me").body()).contains("Your next shifts").contains(rotation.name());
		assertThat(command(holder, "dance").body()).contains("I do not know").contains("/imoc cover");
	}

	@Test
	void theProfileShowsWhichSlackUserSomeoneIsMatchedTo() throws Exception {
		Person matched = inSlack(this.people.manager("Slack Matched"));
		Person unknown = this.people.manager("Not In Slack");
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(matched))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Matched to Slack user " + slackId(matched))));
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(unknown))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No Slack user has your email")));
		assertThat(slack.calls("users.lookupByEmail"))
			.anySatisfy(c -> assertThat(c.field("email")).isEqualTo(matched.getEmail()));
		int lookups = slack.calls("users.lookupByEmail").size();
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(matched))))
			.andExpect(content().string(containsString("Matched to Slack user " + slackId(matched))));
		assertThat(slack.calls("users.lookupByEmail")).as("cached").hasSize(lookups);
	}

	// --- buttons

	@Test
	void aCoverAskedInSlackArrivesAsADirectMessageAndItsAcceptButtonGivesTheShiftAway() throws Exception {
		Rotation rotation = planned(6);
		ShiftView shift = later(rotation);
		Person holder = inSlack(personOf(shift));
		List<Person> others = participants(rotation).stream().filter(p -> !p.getId().equals(holder.getId())).toList();
		others.forEach(this::inSlack);
		SwapRequest request = null;
		for (Person to : others) {
			String answer = command(holder, "cover " + localDate(shift, holder) + " <@" + slackId(to) + "|x>").body();
			if (answer.contains("Asked")) {
				request = this.swaps.waitingFor(to.getId()).get(0);
				break;
			}
		}
		assertThat(request).as("a cover the rules allow").isNotNull();
		assertThat(request.kind()).isEqualTo(SwapKind.COVER);
		long counterpart = request.counterpartId();
		Person to = others.stream().filter(p -> p.getId() == counterpart).findFirst().orElseThrow();

		this.channels.deliverDue(Instant.now());
		StubSlack.Call dm = slack.calls("chat.postMessage")
			.stream()
			.filter(c -> c.field("channel").equals(slackId(to)) && c.field("blocks").contains("swap.accept"))
			.reduce((a, b) -> b)
			.orElseThrow();
		assertThat(dm.field("blocks")).contains("\"value\":\"" + request.id() + "\"").contains("swap.decline");
		assertThat(dm.field("metadata")).contains("imoc_message").contains("notification:");

		HttpResponse<String> click = click(to, SlackText.ACCEPT, request.id(), "D" + slackId(to).substring(1),
				"1700000000.42");
		assertThat(click.statusCode()).isEqualTo(200);
		assertThat(this.swaps.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.ACCEPTED);
		assertThat(this.shifts.find(shift.id()).orElseThrow().assigneeId()).isEqualTo(to.getId());
		assertThat(slack.calls("chat.update"))
			.anySatisfy(update -> assertThat(update.fields()).containsEntry("ts", "1700000000.42")
				.containsEntry("channel", "D" + slackId(to).substring(1))
				.hasEntrySatisfying("text", text -> assertThat(text).contains("Accepted by " + to.getName())));
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'swap.accepted' and subject_id = ?")
			.param(request.id())
			.query(Integer.class)
			.single()).as("audited like the web form").isPositive();
	}

	@Test
	void twentyPeopleClickingTakeItAtOnceLeaveExactlyOneOwner() throws Exception {
		Rotation rotation = planned(24);
		ShiftView shift = later(rotation);
		Person holder = inSlack(personOf(shift));
		List<Person> takers = participants(rotation).stream()
			.filter(p -> !p.getId().equals(holder.getId()))
			.limit(20)
			.map(this::inSlack)
			.toList();
		assertThat(takers).hasSize(20);
		assertThat(command(holder, "cover " + localDate(shift, holder)).body()).contains("Open cover opened");
		SwapRequest cover = this.swaps.find(lastRequestId()).orElseThrow();
		assertThat(cover.kind()).isEqualTo(SwapKind.OPEN_COVER);

		this.channels.deliverDue(Instant.now());
		this.messages.deliverDue(Instant.now());
		assertThat(slack.calls("chat.postMessage")).as("the open cover in the rotation's channel, with Take it")
			.anySatisfy(post -> assertThat(post.field("channel")).isEqualTo("C0ROT" + rotation.id()))
			.filteredOn(post -> post.field("channel").equals("C0ROT" + rotation.id()))
			.anySatisfy(post -> assertThat(post.field("blocks")).contains(SlackText.TAKE)
				.contains("\"value\":\"" + cover.id() + "\""));

		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> clicks = new ArrayList<>();
		for (int i = 0; i < takers.size(); i++) {
			Person taker = takers.get(i);
			String ts = "1700000100." + i;
			clicks.add(pool.submit(() -> {
				start.await();
				return click(taker, SlackText.TAKE, cover.id(), "C0ROT" + rotation.id(), ts).statusCode();
			}));
		}
		start.countDown();
		for (Future<Integer> click : clicks) {
			assertThat(click.get()).isEqualTo(200);
		}
		pool.shutdown();

		SwapRequest taken = this.swaps.find(cover.id()).orElseThrow();
		assertThat(taken.state()).isEqualTo(SwapState.ACCEPTED);
		Set<Long> takerIds = takers.stream().map(Person::getId).collect(Collectors.toSet());
		assertThat(takerIds).contains(taken.counterpartId());
		assertThat(this.shifts.find(shift.id()).orElseThrow().assigneeId()).isEqualTo(taken.counterpartId());
		this.messages.deliverDue(Instant.now());
		List<StubSlack.Call> updates = slack.calls("chat.update")
			.stream()
			.filter(u -> u.field("ts").startsWith("1700000100."))
			.toList();
		assertThat(updates).as("every clicked message updated; queued: %s", this.jdbc.sql(
				"select dedupe_key || ' ' || coalesce(sent_at::text, '-') || ' ' || coalesce(last_error, '-') from slack_message where dedupe_key like 'click:%'")
			.query(String.class)
			.list()).hasSize(20);
		assertThat(updates)
			.filteredOn(u -> u.field("text").contains(":white_check_mark: Taken by " + taken.counterpartName()))
			.hasSize(1);
		assertThat(updates).filteredOn(u -> u.field("text").contains(":warning:"))
			.hasSize(19)
			.anySatisfy(u -> assertThat(u.field("text")).contains("Already taken by " + taken.counterpartName()));
	}

	// --- posts and the user group over simulated shifts

	@Test
	void handoffsAreEachPostedOnceWithTheHandoverNoteAndTheUserGroupFollowsWhoIsOnCall() {
		Rotation rotation = planned(5);
		participants(rotation).forEach(this::inSlack);
		Instant from = Instant.now();
		List<ShiftView> primaries = this.shifts
			.ofRotation(rotation.id(), from.minus(Duration.ofDays(1)), from.plus(Duration.ofDays(3)))
			.stream()
			.filter(s -> !s.shadow())
			.sorted(Comparator.comparing(ShiftView::start))
			.toList();
		List<ShiftView> ahead = primaries.stream().filter(s -> s.start().isAfter(from)).toList();
		assertThat(ahead).hasSizeGreaterThan(6);
		// A handover from one IM to another, with a note written by the outgoing one.
		ShiftView noted = ahead.stream()
			.filter(a -> !a.isGap() && handsOverTo(primaries, a).isPresent())
			.findFirst()
			.orElseThrow();
		ShiftView afterNote = handsOverTo(primaries, noted).orElseThrow();
		this.jdbc.sql("insert into handover_note (shift_id, author_id, body, written_at) values (?, ?, ?, ?)")
			.params(noted.id(), noted.assigneeId(), "Database failover <at> 14:00 & watch the queue",
					Timestamp.from(from))
			.update();
		MutableClock clock = new MutableClock(from);
		int groupUpdatesBefore = slack.calls("usergroups.users.update").size();
		for (ShiftView shift : ahead) {
			clock.set(shift.start().plus(Duration.ofMinutes(1)));
			this.posts.queueDue(clock.instant());
			this.posts.queueDue(clock.instant());
			this.posts.syncUserGroup(clock.instant());
			this.messages.deliverDue(clock.instant());

			List<String> expected = this.shifts.runningAt(clock.instant())
				.stream()
				.filter(s -> !s.shadow() && !s.isGap())
				.map(s -> "U" + s.assigneeId())
				.filter(slack.users::containsKey)
				.distinct()
				.sorted()
				.toList();
			if (!expected.isEmpty()) {
				List<StubSlack.Call> group = slack.calls("usergroups.users.update");
				assertThat(group.get(group.size() - 1).fields()).as("the user group at " + clock.instant())
					.containsEntry("usergroup", "S0ONCALL")
					.containsEntry("users", String.join(",", expected));
			}
			List<StubSlack.Call> handoffs = slack.calls("chat.postMessage")
				.stream()
				.filter(c -> c.field("channel").equals("C0ROT" + rotation.id())
						&& c.field("metadata").contains("\"handoff:" + shift.id() + "\""))
				.toList();
			boolean sameHolderGoesOn = !shift.isGap() && primaries.stream()
				.anyMatch(o -> o.end().equals(shift.start()) && Objects.equals(o.assigneeId(), shift.assigneeId()));
			assertThat(handoffs).as("handoff posts for shift " + shift.id()).hasSize(sameHolderGoesOn ? 0 : 1);
			if (!sameHolderGoesOn) {
				assertThat(handoffs.get(0).field("text"))
					.contains(shift.isGap() ? "nobody is on call now" : "<@U" + shift.assigneeId() + ">");
			}
			if (shift.id() == afterNote.id()) {
				assertThat(handoffs.get(0).field("text")).contains("Taking over from <@U" + noted.assigneeId() + ">")
					.contains("Handover note from")
					.contains("Database failover &lt;at&gt; 14:00 &amp; watch the queue");
			}
		}
		assertThat(slack.calls("usergroups.users.update").size() - groupUpdatesBefore)
			.as("written when who is on call changes, not at every run")
			.isGreaterThan(1)
			.isLessThanOrEqualTo(ahead.size());
		clock.add(Duration.ofSeconds(30));
		int before = slack.calls("usergroups.users.update").size();
		assertThat(this.posts.syncUserGroup(clock.instant())).as("nothing changed, nothing written").isFalse();
		assertThat(slack.calls("usergroups.users.update")).hasSize(before);
	}

	/** The next primary shift, held by someone else, that starts when this one ends. */
	private static java.util.Optional<ShiftView> handsOverTo(List<ShiftView> primaries, ShiftView shift) {
		return primaries.stream()
			.filter(n -> n.start().equals(shift.end()) && !n.isGap()
					&& !Objects.equals(n.assigneeId(), shift.assigneeId()))
			.findFirst();
	}

	// --- Slack down

	@Test
	void whileSlackIsDownNothingIsLostAndEachNoticeArrivesOnceAfterwards() throws Exception {
		Rotation rotation = planned(6);
		ShiftView shift = later(rotation);
		Person holder = inSlack(personOf(shift));
		participants(rotation).forEach(this::inSlack);
		this.channels.deliverDue(Instant.now());
		this.messages.deliverDue(Instant.now());

		assertThat(command(holder, "cover " + localDate(shift, holder)).body()).contains("Open cover opened");
		long cover = lastRequestId();
		slack.failWith(500, 0);
		Instant now = Instant.now();
		this.channels.deliverDue(now);
		this.messages.deliverDue(now);
		assertThat(pendingSlackDeliveries()).as("kept for later").isPositive();
		slack.failWith(429, 60);
		this.channels.deliverDue(now.plus(Duration.ofMinutes(10)));
		this.messages.deliverDue(now.plus(Duration.ofMinutes(10)));
		assertThat(this.jdbc.sql("select min(next_try) from slack_message where dedupe_key = ?")
			.param("open-cover:" + cover)
			.query(Timestamp.class)
			.single()
			.toInstant()).as("not before Slack's Retry-After")
			.isAfterOrEqualTo(now.plus(Duration.ofMinutes(11)).minusMillis(1));
		assertThat(slack.calls("chat.postMessage")
			.stream()
			.filter(c -> c.field("metadata").contains("open-cover:" + cover))).isEmpty();

		slack.failWith(0, 0);
		this.channels.deliverDue(now.plus(Duration.ofHours(2)));
		this.messages.deliverDue(now.plus(Duration.ofHours(2)));
		this.channels.deliverDue(now.plus(Duration.ofHours(3)));
		this.messages.deliverDue(now.plus(Duration.ofHours(3)));
		assertThat(pendingSlackDeliveries()).isZero();
		assertThat(slack.calls("chat.postMessage")
			.stream()
			.filter(c -> c.field("metadata").contains("open-cover:" + cover))).as("the channel post, once").hasSize(1);
		List<Long> notices = this.jdbc.sql("select id from notification where link = ?")
			.param("/swaps/" + cover)
			.query(Long.class)
			.list();
		assertThat(notices).isNotEmpty();
		for (long notice : notices) {
			assertThat(slack.calls("chat.postMessage")
				.stream()
				.filter(c -> c.field("metadata").contains("\"notification:" + notice + "\"")))
				.as("notification " + notice + " delivered once")
				.hasSize(1);
		}
	}

	// --- helpers

	private long pendingSlackDeliveries() {
		return this.jdbc
			.sql("select (select count(*) from notification_delivery where delivered_at is null and gave_up_at is null)"
					+ " + (select count(*) from slack_message where sent_at is null and gave_up_at is null)")
			.query(Long.class)
			.single();
	}

	private long lastRequestId() {
		return this.jdbc.sql("select max(id) from swap_request").query(Long.class).single();
	}

	private Rotation planned(int people) {
		Rotation rotation = this.testRotations.imocLike(3);
		this.testRotations.staff(rotation, people);
		this.maintenance.maintain(rotation.id());
		return rotation;
	}

	private List<Person> participants(Rotation rotation) {
		return this.jdbc
			.sql("""
					select p.id from person p join rotation_participant rp on rp.person_id = p.id where rp.rotation_id = ?""")
			.param(rotation.id())
			.query(Long.class)
			.list()
			.stream()
			.map(this::person)
			.toList();
	}

	private Person person(long id) {
		return this.people.find(id);
	}

	private Person personOf(ShiftView shift) {
		return person(shift.assigneeId());
	}

	/** A primary shift starting well after the freeze window. */
	private ShiftView later(Rotation rotation) {
		Instant from = Instant.now().plus(Duration.ofDays(4));
		return this.shifts.ofRotation(rotation.id(), from, from.plus(Duration.ofDays(10)))
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(from))
			.findFirst()
			.orElseThrow();
	}

	private static LocalDate localDate(ShiftView shift, Person person) {
		return shift.start().atZone(person.zone()).toLocalDate();
	}

	private Person inSlack(Person person) {
		slack.users.put(slackId(person), person.getEmail());
		return person;
	}

	private static String slackId(Person person) {
		return "U" + person.getId();
	}

	private HttpResponse<String> command(Person person, String text) throws Exception {
		String body = form(Map.of("command", "/imoc", "text", text, "user_id", slackId(person), "team_id", "T0TEST"));
		HttpResponse<String> response = signedPost("/slack/commands", body);
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private HttpResponse<String> click(Person person, String action, long requestId, String channel, String ts)
			throws Exception {
		String payload = """
				{"type":"block_actions","trigger_id":"%s","user":{"id":"%s"},
				 "container":{"type":"message","channel_id":"%s","message_ts":"%s"},
				 "actions":[{"action_id":"%s","value":"%d","type":"button"}]}""".formatted(ts + "." + person.getId(),
				slackId(person), channel, ts, action, requestId);
		return signedPost("/slack/interactions", form(Map.of("payload", payload)));
	}

	private HttpResponse<String> signedPost(String path, String body) throws Exception {
		String timestamp = String.valueOf(Instant.now().getEpochSecond());
		return post(path, body, timestamp, this.signatures.sign(timestamp, bytes(body)));
	}

	private HttpResponse<String> post(String path, String body, String timestamp, String signature) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Slack-Request-Timestamp", timestamp)
			.header("X-Slack-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
