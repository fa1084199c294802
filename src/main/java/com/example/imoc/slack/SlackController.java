package com.example.imoc.slack;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.imoc.people.Person;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapActions;
import com.example.imoc.swap.SwapActions.Outcome;
import com.example.imoc.swap.SwapKind;
import com.example.imoc.swap.SwapRequest;
import com.example.imoc.swap.SwapState;

/**
 * Slack's requests, each verified by {@link SlackRequestFilter} before it gets here: the
 * {@code /imoc} slash command and the clicks on the swap buttons. Every answer goes
 * through {@link SwapActions}, the web form's service, acting as the person Slack says
 * clicked (matched by email).
 */
@RestController
@SlackEnabled
class SlackController {

	private static final Pattern COVER = Pattern.compile("^cover\\s+(\\S+)(?:\\s+<@([A-Z0-9]+)(?:\\|[^>]*)?>)?$");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

	static final String HELP = """
			*/imoc* answers:
			• `/imoc who`: who is on call now and next, per rotation
			• `/imoc me`: your next shifts, in your time zone
			• `/imoc cover 2026-12-24`: opens a cover of your shift that day for anyone to take \
			(add `@someone` to ask one person)
			• `/imoc swaps`: the requests waiting for your answer""";

	private final SlackAccounts accounts;

	private final SwapActions swaps;

	private final Shifts shifts;

	private final Rotations rotations;

	private final SlackMessages messages;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	SlackController(SlackAccounts accounts, SwapActions swaps, Shifts shifts, Rotations rotations,
			SlackMessages messages, PlatformTransactionManager transactionManager, Clock clock) {
		this.accounts = accounts;
		this.swaps = swaps;
		this.shifts = shifts;
		this.rotations = rotations;
		this.messages = messages;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@PostMapping("/slack/commands")
	Map<String, String> command(@RequestParam("user_id") String userId,
			@RequestParam(name = "text", defaultValue = "") String text) {
		Optional<Person> person = this.accounts.personOf(userId);
		if (person.isEmpty()) {
			return ephemeral("I cannot find you in IMOC Scheduler: nobody active there has your Slack email.");
		}
		String command = text.strip().replaceAll("\\s+", " ");
		Instant now = this.clock.instant();
		Matcher cover = COVER.matcher(command);
		if (command.equals("who")) {
			return ephemeral(who(person.get().zone(), now));
		}
		if (command.equals("me")) {
			return ephemeral(me(person.get(), now));
		}
		if (command.equals("swaps")) {
			return ephemeral(waiting(person.get()));
		}
		if (cover.matches()) {
			return ephemeral(cover(person.get(), cover.group(1), cover.group(2), now));
		}
		return ephemeral(command.isEmpty() || command.equals("help") ? HELP
				: "I do not know `" + SlackText.escape(command) + "`.\n" + HELP);
	}

	private String who(ZoneId zone, Instant now) {
		StringBuilder answer = new StringBuilder();
		for (Rotation rotation : this.rotations.all()) {
			answer.append('*').append(SlackText.escape(rotation.name())).append("*\n");
			List<ShiftView> current = this.shifts.runningAt(now)
				.stream()
				.filter(s -> s.rotationId() == rotation.id() && !s.shadow())
				.toList();
			if (current.isEmpty()) {
				answer.append("• Now: no shift\n");
			}
			current.forEach(s -> answer.append("• Now: ")
				.append(holder(s))
				.append(", until ")
				.append(local(s.end(), zone))
				.append('\n'));
			this.shifts.nextStart(rotation.id(), now)
				.ifPresent(s -> answer.append("• Next: ")
					.append(holder(s))
					.append(", ")
					.append(local(s.start(), zone))
					.append(" to ")
					.append(local(s.end(), zone))
					.append('\n'));
		}
		return answer.append("_Times in ").append(zone).append("._").toString();
	}

	private String me(Person person, Instant now) {
		List<ShiftView> next = this.shifts.ofPerson(person.getId(), now, now.plus(java.time.Duration.ofDays(60)))
			.stream()
			.filter(s -> s.end().isAfter(now))
			.limit(5)
			.toList();
		if (next.isEmpty()) {
			return "You have no shifts in the next 60 days.";
		}
		StringBuilder answer = new StringBuilder("Your next shifts (times in ").append(person.zone()).append("):\n");
		next.forEach(s -> answer.append("• ")
			.append(SlackText.escape(s.rotationName()))
			.append(' ')
			.append(local(s.start(), person.zone()))
			.append(" to ")
			.append(local(s.end(), person.zone()))
			.append(s.shadow() ? " (shadow)" : "")
			.append('\n'));
		return answer.toString();
	}

	private String waiting(Person person) {
		List<SwapRequest> waiting = this.swaps.waitingFor(person.getId());
		List<SwapRequest> open = this.swaps.openCoversFor(person.getId());
		if (waiting.isEmpty() && open.isEmpty()) {
			return "Nothing waits for your answer.";
		}
		StringBuilder answer = new StringBuilder();
		if (!waiting.isEmpty()) {
			answer.append("*Waiting for your answer:*\n");
			waiting.forEach(r -> answer.append("• ").append(describe(r, person.zone())).append('\n'));
		}
		if (!open.isEmpty()) {
			answer.append("*Open covers anyone may take:*\n");
			open.forEach(r -> answer.append("• ").append(describe(r, person.zone())).append('\n'));
		}
		return answer.append("Answer with the buttons in your direct messages, or in the app.").toString();
	}

	private String cover(Person person, String dateText, String toSlackUser, Instant now) {
		LocalDate date;
		try {
			date = LocalDate.parse(dateText);
		}
		catch (DateTimeParseException ex) {
			return "Give the day as YYYY-MM-DD, for example `/imoc cover " + LocalDate.now(this.clock) + "`.";
		}
		ZoneId zone = person.zone();
		List<ShiftView> thatDay = this.shifts
			.ofPerson(person.getId(), date.atStartOfDay(zone).toInstant(),
					date.plusDays(1).atStartOfDay(zone).toInstant())
			.stream()
			.filter(s -> !s.shadow() && s.start().atZone(zone).toLocalDate().equals(date))
			.toList();
		if (thatDay.isEmpty()) {
			return "You have no shift starting on " + date + " (in " + zone + ").";
		}
		Long toPerson = null;
		if (toSlackUser != null) {
			Optional<Person> to = this.accounts.personOf(toSlackUser);
			if (to.isEmpty()) {
				return "<@" + toSlackUser + "> is not in IMOC Scheduler (no active person has their Slack email).";
			}
			toPerson = to.get().getId();
		}
		Outcome outcome = this.swaps.cover(actor(person), thatDay.get(0).id(), toPerson);
		if (!outcome.done()) {
			return "Not opened: " + SlackText.escape(outcome.refusal());
		}
		SwapRequest request = outcome.request();
		return (request.kind() == SwapKind.OPEN_COVER
				? "Open cover opened for your shift " + local(thatDay.get(0).start(), zone)
						+ ": everyone who may take it is told, and it is posted to the rotation's channel."
				: "Asked " + SlackText.escape(request.counterpartName()) + " to cover your shift "
						+ local(thatDay.get(0).start(), zone) + ".")
				+ " (request " + request.id() + ")";
	}

	/**
	 * A button click. Slack wants a quick 200; the outcome replaces the clicked message
	 * (chat.update through the Slack outbox, delivered at once when Slack is up).
	 */
	@PostMapping("/slack/interactions")
	Map<String, String> interaction(@RequestParam("payload") String payload) {
		JsonNode root = this.json.readTree(payload);
		JsonNode action = root.path("actions").path(0);
		String actionId = action.path("action_id").asString("");
		String userId = root.path("user").path("id").asString("");
		String channel = root.path("container")
			.path("channel_id")
			.asString(root.path("channel").path("id").asString(""));
		String ts = root.path("container").path("message_ts").asString(root.path("message").path("ts").asString(""));
		long requestId;
		try {
			requestId = Long.parseLong(action.path("value").asString(""));
		}
		catch (NumberFormatException ex) {
			return Map.of();
		}
		if (!List.of(SlackText.ACCEPT, SlackText.DECLINE, SlackText.TAKE).contains(actionId) || channel.isEmpty()
				|| ts.isEmpty()) {
			return Map.of();
		}
		Optional<Person> person = this.accounts.personOf(userId);
		Outcome outcome = person.isEmpty()
				? new Outcome(this.swaps.find(requestId).orElse(null),
						"nobody active in IMOC Scheduler has your Slack email")
				: actionId.equals(SlackText.DECLINE) ? this.swaps.decline(actor(person.get()), requestId)
						: this.swaps.accept(actor(person.get()), requestId);
		String text = outcomeText(outcome, person.map(Person::getName).orElse("<@" + userId + ">"));
		List<Map<String, Object>> buttons = outcome.request() != null && outcome.request().state() == SwapState.PENDING
				? SlackText.buttonsFor(outcome.request()) : List.of();
		String key = "click:" + channel + ":" + ts + ":"
				+ root.path("trigger_id").asString(userId + ":" + this.clock.millis());
		this.transactions.executeWithoutResult(
				status -> this.messages.update(key, channel, ts, text, SlackText.blocks(text, buttons)));
		this.messages.deliverDue(this.clock.instant());
		return Map.of();
	}

	private static String outcomeText(Outcome outcome, String who) {
		SwapRequest request = outcome.request();
		if (request == null) {
			return ":x: This request no longer exists.";
		}
		String what = SlackText.escape(request.kind().label() + " requested by " + request.requesterName());
		if (!outcome.done()) {
			return what + "\n:warning: " + SlackText.escape(who) + ": " + SlackText.escape(outcome.refusal());
		}
		return switch (request.state()) {
			case ACCEPTED ->
				what + "\n:white_check_mark: " + (request.kind() == SwapKind.OPEN_COVER ? "Taken" : "Accepted") + " by "
						+ SlackText.escape(request.counterpartName()) + ".";
			case APPROVAL_PENDING ->
				what + "\n:hourglass: " + (request.kind() == SwapKind.OPEN_COVER ? "Taken" : "Accepted") + " by "
						+ SlackText.escape(request.counterpartName()) + "; waiting for the coordinator's approval.";
			case DECLINED -> what + "\n:no_entry_sign: Declined by " + SlackText.escape(who) + ".";
			default -> what + "\nNow " + request.state().label().toLowerCase() + ".";
		};
	}

	private String describe(SwapRequest request, ZoneId zone) {
		ShiftView shift = this.shifts.find(request.shiftId()).orElse(null);
		return SlackText.escape(request.kind().label() + " from " + request.requesterName())
				+ (shift == null ? "" : ": " + SlackText.escape(shift.rotationName()) + " " + local(shift.start(), zone)
						+ " to " + local(shift.end(), zone))
				+ " (request " + request.id() + ")";
	}

	private static String holder(ShiftView shift) {
		return shift.isGap() ? "nobody (coverage gap)" : SlackText.escape(shift.assigneeName());
	}

	private static String local(Instant at, ZoneId zone) {
		return LOCAL.format(at.atZone(zone));
	}

	private static SignedInPerson actor(Person person) {
		return new SignedInPerson(person.getId(), person.getEmail(), person.getName(), null, person.getRole(),
				person.isActive(), person.getSecurityVersion());
	}

	private static Map<String, String> ephemeral(String text) {
		return Map.of("response_type", "ephemeral", "text", text);
	}

}
