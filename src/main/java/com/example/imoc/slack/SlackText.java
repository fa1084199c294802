package com.example.imoc.slack;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.example.imoc.swap.SwapRequest;

/**
 * The Slack side of the app's words: mrkdwn escaping, times Slack shows in each reader's
 * own zone, and Block Kit messages with the swap buttons.
 */
final class SlackText {

	static final String ACCEPT = "swap.accept";

	static final String DECLINE = "swap.decline";

	static final String TAKE = "swap.take";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm 'UTC'")
		.withZone(ZoneId.of("UTC"));

	private SlackText() {
	}

	/** Slack mrkdwn needs only &, < and > escaped (Slack's "escaping text"). */
	static String escape(String text) {
		return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** An instant Slack shows in the reader's own time zone. */
	static String when(Instant at) {
		return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
	}

	static String mention(String slackUserId, String name) {
		return slackUserId == null ? escape(name) : "<@" + slackUserId + ">";
	}

	/** A section of text, and the buttons for a pending request if any. */
	static String blocks(String text, List<Map<String, Object>> buttons) {
		List<Object> blocks = new ArrayList<>();
		blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)));
		if (!buttons.isEmpty()) {
			blocks.add(Map.of("type", "actions", "elements", buttons));
		}
		return JSON.writeValueAsString(blocks);
	}

	/**
	 * Accept / Decline for a request addressed to someone; "Take it" for an open cover.
	 */
	static List<Map<String, Object>> buttonsFor(SwapRequest request) {
		String id = String.valueOf(request.id());
		return switch (request.kind()) {
			case OPEN_COVER -> List.of(button(TAKE, "Take it", id, "primary"));
			default -> List.of(button(ACCEPT, "Accept", id, "primary"), button(DECLINE, "Decline", id, "danger"));
		};
	}

	private static Map<String, Object> button(String action, String label, String value, String style) {
		Map<String, Object> button = new LinkedHashMap<>();
		button.put("type", "button");
		button.put("action_id", action);
		button.put("text", Map.of("type", "plain_text", "text", label));
		button.put("value", value);
		button.put("style", style);
		return button;
	}

}
