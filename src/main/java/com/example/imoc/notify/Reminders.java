package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds people of their shifts at the lead times they chose (24 h and 1 h by default),
 * from the stored shifts as they are now: whoever holds a live shift when a lead time
 * comes due is reminded, once per shift, person and lead time. A shift that changed hands
 * reminds its new owner (who has no reminder on record yet) and not its old one (who no
 * longer holds it); a cancelled shift reminds nobody.
 */
@Service
class Reminders {

	private final JdbcClient jdbc;

	private final Notifications notifications;

	Reminders(JdbcClient jdbc, Notifications notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	private record Due(long shiftId, long personId, ZoneId zone, String rotation, String slot, boolean shadow,
			Instant start, Instant end, int leadMinutes) {

		String key() {
			return this.shiftId + "/" + this.personId;
		}

	}

	/**
	 * Sends the reminders due at {@code now}. When several lead times of one shift are
	 * due at once (the shift was handed over late, or the job was down), one reminder
	 * goes out and all of them count as sent.
	 * @return how many reminders were sent
	 */
	@Transactional
	public int sendDue(Instant now) {
		List<Due> due = this.jdbc.sql("""
				select s.id, p.id, p.time_zone, r.name, sl.label, s.shadow, s.starts_at, s.ends_at, lead
				from shift_view s
				join person_view p on p.id = s.assignee_id
				join rotation_view r on r.id = s.rotation_id
				join rotation_slot_view sl on sl.id = s.slot_id
				left join notification_preference np on np.person_id = p.id
				cross join lateral unnest(coalesce(np.reminder_lead_minutes, array[1440, 60])) as lead
				where s.state = 'SCHEDULED' and p.active
				  and s.starts_at > ? and s.starts_at <= cast(? as timestamptz) + interval '14 days'
				  and s.starts_at <= cast(? as timestamptz) + make_interval(mins => lead)
				  and not exists (select 1 from shift_reminder sr
				                  where sr.shift_id = s.id and sr.person_id = p.id and sr.lead_minutes = lead)
				order by s.starts_at, s.id, lead""")
			.params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now))
			.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), ZoneId.of(rs.getString(3)), rs.getString(4),
					rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
					rs.getInt(9)))
			.list();
		Map<String, List<Due>> byShiftAndPerson = new LinkedHashMap<>();
		due.forEach(d -> byShiftAndPerson.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d));
		int sent = 0;
		for (List<Due> leads : byShiftAndPerson.values()) {
			Due first = leads.get(0);
			Long notificationId = this.notifications.sendOnce(reminder(first, now), "reminder:" + first.shiftId() + ":"
					+ leads.stream().mapToInt(Due::leadMinutes).min().orElseThrow());
			for (Due lead : leads) {
				this.jdbc.sql("""
						insert into shift_reminder (shift_id, person_id, lead_minutes, notification_id, sent_at)
						values (?, ?, ?, ?, ?) on conflict do nothing""")
					.params(lead.shiftId(), lead.personId(), lead.leadMinutes(), notificationId, Timestamp.from(now))
					.update();
			}
			sent += notificationId == null ? 0 : 1;
		}
		return sent;
	}

	private static Notice reminder(Due due, Instant now) {
		String what = due.shadow() ? "shadow shift" : "IMOC shift";
		String in = LocalTimes.inWords(Duration.between(now, due.start()));
		String subject = "Your " + what + " starts " + in + ": " + LocalTimes.dayAndTime(due.start(), due.zone());
		String body = "Your " + what + " in " + due.rotation() + " (slot " + due.slot() + ") starts " + in + ":\n"
				+ LocalTimes.span(due.start(), due.end(), due.zone()) + " (your time, " + due.zone().getId() + ").\n"
				+ "The response time is 15 minutes. If you cannot take it, ask for a swap or a cover now.";
		return new Notice(due.personId(), "shift.reminder", subject, body, "/my/shifts");
	}

}
