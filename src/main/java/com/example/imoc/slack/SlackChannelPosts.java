package com.example.imoc.slack;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.notify.HandoverNotes;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapRequest;

/**
 * What the Slack app says by itself, from the stored shifts as they are when its job
 * runs: in each rotation's channel a handoff when a shift starts (with the outgoing IM's
 * handover note) and each coverage gap ahead (again if it is filled and opens once more);
 * and the on-call user group set to whoever is on call now. Posts go through the Slack
 * outbox once per shift, so the job may run as often as it likes; the user group is
 * written when its members change, and again after a failed attempt.
 */
@Component
@SlackEnabled
class SlackChannelPosts {

	private static final Logger log = LoggerFactory.getLogger(SlackChannelPosts.class);

	private final Shifts shifts;

	private final Rotations rotations;

	private final HandoverNotes notes;

	private final SlackMessages messages;

	private final SlackAccounts accounts;

	private final SlackApi slack;

	private final SlackProperties properties;

	private final JdbcClient jdbc;

	SlackChannelPosts(Shifts shifts, Rotations rotations, HandoverNotes notes, SlackMessages messages,
			SlackAccounts accounts, SlackApi slack, SlackProperties properties, JdbcClient jdbc) {
		this.shifts = shifts;
		this.rotations = rotations;
		this.notes = notes;
		this.messages = messages;
		this.accounts = accounts;
		this.slack = slack;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	/**
	 * Queues the handoff of each shift running at {@code now} and each gap within
	 * {@code imoc.slack.gaps-ahead}, in rotations that have a channel.
	 * @return how many posts were queued
	 */
	@Transactional
	public int queueDue(Instant now) {
		int queued = 0;
		List<ShiftView> running = this.shifts.runningAt(now);
		for (Rotation rotation : this.rotations.all()) {
			String channel = this.properties.channelOf(rotation.id(), rotation.name());
			if (channel == null) {
				continue;
			}
			for (ShiftView shift : running) {
				if (shift.rotationId() == rotation.id() && !shift.shadow()) {
					queued += handoff(channel, shift) ? 1 : 0;
				}
			}
			for (ShiftView gap : this.shifts.ofRotation(rotation.id(), now, now.plus(this.properties.gapsAhead()))) {
				if (gap.isGap() && !gap.shadow() && gap.start().isAfter(now)) {
					String text = ":warning: *Coverage gap in " + SlackText.escape(rotation.name()) + "*: nobody holds "
							+ SlackText.escape(gap.slot()) + ", " + SlackText.when(gap.start()) + " to "
							+ SlackText.when(gap.end()) + ". Ask the coordinator, or volunteer in the app.";
					queued += this.messages.post("gap:" + gap.id() + ":" + gap.sequence(), channel, text,
							SlackText.blocks(text, List.of())) ? 1 : 0;
				}
			}
		}
		return queued;
	}

	private boolean handoff(String channel, ShiftView incoming) {
		Optional<ShiftView> outgoing = this.shifts
			.ofRotation(incoming.rotationId(), incoming.start().minus(Duration.ofSeconds(1)), incoming.start())
			.stream()
			.filter(s -> !s.shadow() && s.end().equals(incoming.start()))
			.findFirst();
		if (outgoing.isPresent() && !incoming.isGap()
				&& Objects.equals(outgoing.get().assigneeId(), incoming.assigneeId())) {
			return false;
		}
		StringBuilder text = new StringBuilder(":arrows_counterclockwise: *Handoff in ")
			.append(SlackText.escape(incoming.rotationName()))
			.append("*: ");
		if (incoming.isGap()) {
			text.append("nobody is on call now (a coverage gap) until ");
		}
		else {
			text.append(who(incoming)).append(" is on call now, until ");
		}
		text.append(SlackText.when(incoming.end())).append('.');
		outgoing.filter(s -> !s.isGap()).ifPresent(s -> text.append(" Taking over from ").append(who(s)).append('.'));
		outgoing.flatMap(s -> this.notes.latestFor(s.id()))
			.ifPresent(note -> text.append("\n>*Handover note from ")
				.append(SlackText.escape(note.authorName()))
				.append(":*\n>")
				.append(SlackText.escape(note.body()).replace("\n", "\n>")));
		String message = text.toString();
		return this.messages.post("handoff:" + incoming.id(), channel, message, SlackText.blocks(message, List.of()));
	}

	/**
	 * A mention when the person's Slack user is known, else their name: a post queued
	 * while Slack cannot be asked still goes out later.
	 */
	private String who(ShiftView shift) {
		String slackUser;
		try {
			slackUser = this.accounts.slackUserOf(shift.assigneeId()).orElse(null);
		}
		catch (SlackApi.SlackUnavailable ex) {
			slackUser = null;
		}
		return SlackText.mention(slackUser, shift.assigneeName());
	}

	/**
	 * Sets the on-call user group to the Slack users of whoever holds a primary shift at
	 * {@code now}, when that differs from what was last written.
	 * @return whether the group was written
	 */
	public boolean syncUserGroup(Instant now) {
		String group = this.properties.userGroupId();
		if (group.isBlank()) {
			return false;
		}
		List<String> members = this.shifts.runningAt(now)
			.stream()
			.filter(s -> !s.shadow() && !s.isGap())
			.map(ShiftView::assigneeId)
			.distinct()
			.map(id -> this.accounts.slackUserOf(id).orElse(null))
			.filter(Objects::nonNull)
			.sorted()
			.distinct()
			.toList();
		String wanted = String.join(",", members);
		String written = this.jdbc.sql("select members from slack_usergroup_state where usergroup_id = ?")
			.param(group)
			.query(String.class)
			.optional()
			.orElse(null);
		if (wanted.equals(written)) {
			return false;
		}
		if (members.isEmpty()) {
			// Slack refuses an empty user group; it keeps the last IMs until someone is
			// on call.
			log.info("Nobody on call with a Slack user; @{} left as it is", this.properties.userGroupHandle());
			return false;
		}
		this.slack.setUserGroupMembers(group, members);
		this.jdbc
			.sql("""
					insert into slack_usergroup_state (usergroup_id, members, updated_at) values (?, ?, ?)
					on conflict (usergroup_id) do update set members = excluded.members, updated_at = excluded.updated_at""")
			.params(group, wanted, Timestamp.from(now))
			.update();
		return true;
	}

	/** The channel post of an open cover. */
	static String openCoverText(SwapRequest cover, ShiftView shift) {
		return ":raising_hand: *" + SlackText.escape(cover.requesterName()) + " needs someone to cover* "
				+ SlackText.escape(shift.rotationName()) + " " + SlackText.escape(shift.slot()) + ", "
				+ SlackText.when(cover.isPartial() ? cover.partStart() : shift.start()) + " to "
				+ SlackText.when(cover.isPartial() ? cover.partEnd() : shift.end()) + ". The first to take it gets it."
				+ (cover.message().isBlank() ? "" : "\n>" + SlackText.escape(cover.message()));
	}

}
