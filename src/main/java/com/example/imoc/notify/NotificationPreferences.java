package com.example.imoc.notify;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each person wants to hear and how: reminder lead times and whether mail is sent at
 * all (the inbox always gets everything). Nobody has to save anything: without a row the
 * defaults apply.
 */
@Repository
class NotificationPreferences {

	static final List<Duration> DEFAULT_LEADS = List.of(Duration.ofHours(24), Duration.ofHours(1));

	static final Duration SHORTEST_LEAD = Duration.ofMinutes(5);

	static final Duration LONGEST_LEAD = Duration.ofDays(14);

	static final int MOST_LEADS = 5;

	private static final Pattern LEAD = Pattern.compile("(\\d{1,5})\\s*(m|min|mins|minutes?|h|hours?|d|days?)");

	public record Preferences(boolean mailEnabled, List<Duration> leads) {

		static Preferences defaults() {
			return new Preferences(true, DEFAULT_LEADS);
		}

		/** The lead times as typed in the form, e.g. {@code 24h, 1h}. */
		public String leadsText() {
			return String.join(", ", this.leads.stream().map(NotificationPreferences::format).toList());
		}

	}

	private final JdbcClient jdbc;

	NotificationPreferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	Preferences of(long personId) {
		return this.jdbc
			.sql("select mail_enabled, reminder_lead_minutes from notification_preference where person_id = ?")
			.param(personId)
			.query((rs, n) -> new Preferences(rs.getBoolean(1), minutes(rs.getArray(2))))
			.optional()
			.orElseGet(Preferences::defaults);
	}

	/**
	 * Saves the choice; turning mail off also withdraws mails still waiting in the
	 * outbox, so "off" means off from now on.
	 */
	@Transactional
	void save(long personId, Preferences preferences) {
		Integer[] minutes = preferences.leads().stream().map(d -> (int) d.toMinutes()).toArray(Integer[]::new);
		this.jdbc.sql("""
				insert into notification_preference (person_id, mail_enabled, reminder_lead_minutes, updated_at)
				values (?, ?, ?, now())
				on conflict (person_id) do update
				set mail_enabled = excluded.mail_enabled, reminder_lead_minutes = excluded.reminder_lead_minutes,
				    updated_at = now()""").params(personId, preferences.mailEnabled(), minutes).update();
		if (!preferences.mailEnabled()) {
			this.jdbc.sql("""
					update notification set mail_wanted = false
					where recipient_id = ? and mail_wanted and mail_sent_at is null and mail_gave_up_at is null""")
				.param(personId)
				.update();
		}
	}

	/**
	 * Reads lead times like {@code 24h, 1h} or {@code 2d 90m}: each between 5 minutes and
	 * 14 days, at most five, longest first, duplicates dropped. Blank means no reminders.
	 * @throws IllegalArgumentException with a sentence for the form
	 */
	static List<Duration> parseLeads(String text) {
		List<Duration> leads = new ArrayList<>();
		for (String part : text.toLowerCase(Locale.ROOT).split("[,;]|\\s+(?=\\d)")) {
			if (part.isBlank()) {
				continue;
			}
			Matcher m = LEAD.matcher(part.trim());
			if (!m.matches()) {
				throw new IllegalArgumentException("\"" + part.trim()
						+ "\" is not a lead time; write them like 24h, 1h or 30m, separated by commas.");
			}
			long amount = Long.parseLong(m.group(1));
			Duration lead = switch (m.group(2).charAt(0)) {
				case 'd' -> Duration.ofDays(amount);
				case 'h' -> Duration.ofHours(amount);
				default -> Duration.ofMinutes(amount);
			};
			if (lead.compareTo(SHORTEST_LEAD) < 0 || lead.compareTo(LONGEST_LEAD) > 0) {
				throw new IllegalArgumentException("Each lead time must be between 5 minutes and 14 days.");
			}
			if (!leads.contains(lead)) {
				leads.add(lead);
			}
		}
		if (leads.size() > MOST_LEADS) {
			throw new IllegalArgumentException("Up to " + MOST_LEADS + " reminders per shift.");
		}
		leads.sort((a, b) -> b.compareTo(a));
		return List.copyOf(leads);
	}

	static String format(Duration lead) {
		long minutes = lead.toMinutes();
		if (minutes % (60 * 24) == 0 && minutes >= 48 * 60) {
			return minutes / (60 * 24) + "d";
		}
		return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
	}

	private static List<Duration> minutes(Array array) throws SQLException {
		List<Duration> leads = new ArrayList<>();
		for (Object value : (Object[]) array.getArray()) {
			leads.add(Duration.ofMinutes(((Number) value).longValue()));
		}
		leads.sort((a, b) -> b.compareTo(a));
		return List.copyOf(leads);
	}

}
