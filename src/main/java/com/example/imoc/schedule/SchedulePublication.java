package com.example.imoc.schedule;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.Rotations;

/**
 * Publishing a rotation's schedule up to a Monday 00:00 UTC, as GitLab's coordinator does
 * monthly. Shifts starting before the boundary are published; later ones are drafts:
 * marked on the pages, {@code STATUS:TENTATIVE} in calendar feeds,
 * {@code "published": false} in the API. Drafts can still be swapped (they are future
 * shifts like any other).
 * <p>
 * Publishing moves the boundary forward only (published shifts are never taken back),
 * raises the calendar SEQUENCE and LAST-MODIFIED of the shifts it publishes (a calendar
 * shows their status change), records an audit line, and tells each owner once, in one
 * notice listing their newly published shifts ({@link SchedulePublished}).
 */
@Service
public class SchedulePublication {

	/**
	 * The furthest ahead a boundary may be set, from today: the longest horizon a
	 * rotation may plan.
	 */
	static final int MAX_WEEKS_AHEAD = 104;

	private final Rotations rotations;

	private final Shifts shifts;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	SchedulePublication(Rotations rotations, Shifts shifts, JdbcClient jdbc, AuditLog auditLog,
			ApplicationEventPublisher events) {
		this.rotations = rotations;
		this.shifts = shifts;
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.events = events;
	}

	/**
	 * What a publication did: the boundary before and after, how many shifts it
	 * published, how many people heard.
	 */
	public record Published(Instant from, Instant until, int shifts, int people) {
	}

	/**
	 * A boundary the coordinator asked for that cannot be used, with the form field it
	 * belongs to.
	 */
	static final class PublicationRefused extends RuntimeException {

		PublicationRefused(String message) {
			super(message);
		}

	}

	/**
	 * The boundary the form offers: the Monday after the end of next month (UTC), as the
	 * coordinator publishes monthly; never before the current boundary.
	 */
	static LocalDate suggestedUntil(LocalDate todayUtc, Instant current) {
		LocalDate monthly = todayUtc.withDayOfMonth(1)
			.plusMonths(2)
			.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
		LocalDate now = LocalDate.ofInstant(current, ZoneOffset.UTC);
		return monthly.isBefore(now) ? now : monthly;
	}

	/**
	 * The boundary as typed: a date that is a Monday, at most {@link #MAX_WEEKS_AHEAD}
	 * weeks after today (UTC).
	 * @throws PublicationRefused with the sentence to show beside the field
	 */
	static LocalDate parseUntil(String typed, LocalDate todayUtc) {
		String text = typed == null ? "" : typed.trim();
		if (text.isEmpty()) {
			throw new PublicationRefused("Enter the Monday the published schedule runs up to, like "
					+ suggestedUntil(todayUtc, Instant.EPOCH) + ".");
		}
		LocalDate date;
		try {
			date = LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new PublicationRefused("\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
					+ "\" is not a date; write it as YYYY-MM-DD, like " + suggestedUntil(todayUtc, Instant.EPOCH)
					+ ".");
		}
		if (date.getDayOfWeek() != DayOfWeek.MONDAY) {
			throw new PublicationRefused(
					date + " is a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
							+ "; changes take effect on a Monday 00:00 UTC: pick "
							+ date.with(TemporalAdjusters.previous(DayOfWeek.MONDAY)) + " or "
							+ date.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) + ".");
		}
		if (date.isAfter(todayUtc.plusWeeks(MAX_WEEKS_AHEAD))) {
			throw new PublicationRefused("Publish at most " + MAX_WEEKS_AHEAD + " weeks ahead (up to "
					+ todayUtc.plusWeeks(MAX_WEEKS_AHEAD).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
					+ ").");
		}
		return date;
	}

	/**
	 * Publishes a rotation's schedule up to {@code monday} 00:00 UTC. Publishing the
	 * current boundary again changes nothing and tells nobody.
	 * @throws PublicationRefused when the boundary would move back
	 */
	@Transactional
	public Published publish(long rotationId, LocalDate monday, Instant now) {
		Rotation rotation = this.rotations.find(rotationId)
			.orElseThrow(() -> new RotationNotFoundException(rotationId));
		Instant until = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant from = this.rotations.lockPublication(rotationId);
		if (until.isBefore(from)) {
			throw new PublicationRefused(
					"The schedule is already published up to " + LocalDate.ofInstant(from, ZoneOffset.UTC)
							+ "; published shifts are not taken back. Pick that Monday or a later one.");
		}
		if (until.equals(from)) {
			this.auditLog.record("schedule.published", "rotation", rotationId,
					"published up to " + monday + " again: nothing new");
			return new Published(from, until, 0, 0);
		}
		this.rotations.publishUntil(rotationId, until);
		// A draft becoming published is a change a calendar must show (TENTATIVE →
		// CONFIRMED): raise SEQUENCE and
		// LAST-MODIFIED. The version stays: a swap asked about a draft is still about the
		// same shift.
		Set<Long> published = new HashSet<>(this.jdbc.sql("""
				update shift set sequence = sequence + 1, updated_at = ?
				where rotation_id = ? and state = 'SCHEDULED' and starts_at >= ? and starts_at < ?
				returning id""")
			.params(Timestamp.from(now), rotationId, Timestamp.from(from), Timestamp.from(until))
			.query(Long.class)
			.list());
		List<ShiftView> announced = this.shifts.ofRotation(rotationId, from, until)
			.stream()
			.filter(s -> published.contains(s.id()) && !s.isGap() && s.end().isAfter(now))
			.toList();
		int people = (int) announced.stream().map(ShiftView::assigneeId).distinct().count();
		this.events.publishEvent(new SchedulePublished(rotationId, rotation.name(), from, until, announced));
		this.auditLog.record("schedule.published", "rotation", rotationId,
				"published up to " + monday + " (was " + LocalDate.ofInstant(from, ZoneOffset.UTC) + "): "
						+ published.size() + " shifts, " + people + " people notified");
		return new Published(from, until, published.size(), people);
	}

}
