package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What someone who joined the rotation inside the fairness window is counted as having
 * carried before they joined: the part of the window before their first day, at the rate
 * the members carried the rotation (their prior load over their member-time in the
 * window). Without it a newcomer starts the window at zero and is planned block after
 * block until they hold what the others held over the whole window, which a year-long
 * window (the default since V24) would make months of catching up. The part of the window
 * counted starts at the window's start, or when the first of today's members joined if
 * that is later: people who joined together get no credit, so a new rotation plans as
 * before.
 *
 * <p>
 * A trainee's shadowing weeks count as membership: they carry no IM load then, so they
 * come off shadowing that much behind, as before (their first blocks come a little
 * sooner, within the recency and rest rules).
 */
public final class JoinCredit {

	private JoinCredit() {
	}

	/**
	 * @param joined the current participants (the keys) and when each joined (null:
	 * before the window)
	 * @param prior participants' load in {@code [windowStart, until)} (absent: none;
	 * others' entries are ignored)
	 * @param windowStart the start of the fairness window
	 * @param until where prior load ends (the planning origin)
	 * @return the credit of each participant who joined after {@code windowStart}; others
	 * are absent
	 */
	public static Map<Long, FairnessLoad> of(Map<Long, Instant> joined, Map<Long, FairnessLoad> prior,
			Instant windowStart, Instant until) {
		// Counted from the window's start, or from when the first of today's members
		// joined if that is later: people who joined together get nothing over each
		// other.
		Instant base = windowStart;
		Instant first = null;
		for (Instant from : joined.values()) {
			if (from == null) {
				first = null;
				break;
			}
			first = (first == null || from.isBefore(first)) ? from : first;
		}
		if (first != null && first.isAfter(base)) {
			base = first;
		}
		long windowSeconds = Duration.between(base, until).toSeconds();
		if (windowSeconds <= 0) {
			return Map.of();
		}
		long memberSeconds = 0;
		long onCall = 0;
		long weekend = 0;
		long holiday = 0;
		Map<Long, Long> missed = new HashMap<>();
		for (Map.Entry<Long, Instant> entry : joined.entrySet()) {
			Instant from = entry.getValue();
			long before = (from == null || !from.isAfter(base)) ? 0
					: Math.min(windowSeconds, Duration.between(base, from).toSeconds());
			memberSeconds += windowSeconds - before;
			FairnessLoad load = prior.getOrDefault(entry.getKey(), FairnessLoad.NONE);
			onCall += load.onCall().toSeconds();
			weekend += load.weekend().toSeconds();
			holiday += load.holiday().toSeconds();
			if (before > 0) {
				missed.put(entry.getKey(), before);
			}
		}
		if (missed.isEmpty() || memberSeconds == 0) {
			return Map.of();
		}
		Map<Long, FairnessLoad> credit = new HashMap<>();
		for (Map.Entry<Long, Long> entry : missed.entrySet()) {
			double share = (double) entry.getValue() / memberSeconds;
			credit.put(entry.getKey(),
					new FairnessLoad(Duration.ofSeconds(Math.round(onCall * share)),
							Duration.ofSeconds(Math.round(weekend * share)),
							Duration.ofSeconds(Math.round(holiday * share)), 0));
		}
		return credit;
	}

}
