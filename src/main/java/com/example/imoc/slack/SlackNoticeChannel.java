package com.example.imoc.slack;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.example.imoc.notify.NoticeChannel;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapActions;
import com.example.imoc.swap.SwapKind;
import com.example.imoc.swap.SwapRequest;
import com.example.imoc.swap.SwapState;

/**
 * Slack as a channel of the notification outbox: each notice is a direct message to its
 * recipient's Slack user (none when nobody in Slack has their email). A swap or cover
 * request still waiting carries Accept / Decline, an open cover "Take it"; an open cover
 * is also queued once for its rotation's channel.
 */
@Component
@SlackEnabled
class SlackNoticeChannel implements NoticeChannel {

	private static final Pattern SWAP_LINK = Pattern.compile("^/swaps/(\\d+)$");

	private final SlackAccounts accounts;

	private final SlackApi slack;

	private final SlackMessages messages;

	private final SwapActions swaps;

	private final Shifts shifts;

	private final SlackProperties properties;

	private final String baseUrl;

	SlackNoticeChannel(SlackAccounts accounts, SlackApi slack, SlackMessages messages, SwapActions swaps, Shifts shifts,
			SlackProperties properties,
			@org.springframework.beans.factory.annotation.Value("${imoc.base-url:http://localhost:8080}") String baseUrl) {
		this.accounts = accounts;
		this.slack = slack;
		this.messages = messages;
		this.swaps = swaps;
		this.shifts = shifts;
		this.properties = properties;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	@Override
	public String name() {
		return "SLACK";
	}

	@Override
	public void deliver(Delivery notice) {
		Optional<SwapRequest> pending = pendingRequest(notice);
		pending.filter(r -> r.kind() == SwapKind.OPEN_COVER).ifPresent(this::postToChannel);
		Optional<String> user = this.accounts.slackUserOf(notice.recipientId());
		if (user.isEmpty()) {
			return;
		}
		String text = "*" + SlackText.escape(notice.subject()) + "*\n" + SlackText.escape(notice.body())
				+ (notice.link().isBlank() ? "" : "\n<" + this.baseUrl + notice.link() + "|Open in IMOC Scheduler>");
		String blocks = SlackText.blocks(text, pending.map(SlackText::buttonsFor).orElse(List.of()));
		this.slack.post(user.get(), text, blocks, "notification:" + notice.id());
	}

	private Optional<SwapRequest> pendingRequest(Delivery notice) {
		if (!notice.kind().equals("swap.requested") && !notice.kind().equals("swap.open-cover")) {
			return Optional.empty();
		}
		Matcher link = SWAP_LINK.matcher(notice.link());
		if (!link.matches()) {
			return Optional.empty();
		}
		return this.swaps.find(Long.parseLong(link.group(1))).filter(r -> r.state() == SwapState.PENDING);
	}

	private void postToChannel(SwapRequest cover) {
		ShiftView shift = this.shifts.find(cover.shiftId()).orElse(null);
		if (shift == null) {
			return;
		}
		String channel = this.properties.channelOf(shift.rotationId(), shift.rotationName());
		if (channel == null) {
			return;
		}
		String text = SlackChannelPosts.openCoverText(cover, shift);
		this.messages.post("open-cover:" + cover.id(), channel, text,
				SlackText.blocks(text, SlackText.buttonsFor(cover)));
	}

}
