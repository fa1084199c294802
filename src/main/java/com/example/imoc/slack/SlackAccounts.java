package com.example.imoc.slack;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;

/**
 * People matched to Slack users by email ({@code users.lookupByEmail}), cached in
 * {@code slack_user} for {@code imoc.slack.lookup-ttl}, including "no such user" so an
 * unknown email does not cost a call per message. The other way round (a slash command's
 * user id) a cached match is used, else {@code users.info} gives the email.
 */
@Component
@SlackEnabled
class SlackAccounts {

	/**
	 * A cached match: {@code slackUserId} null means Slack has nobody with that email.
	 */
	record Match(long personId, String slackUserId, String email, Instant lookedUpAt) {
	}

	private final JdbcClient jdbc;

	private final SlackApi slack;

	private final PersonRepository people;

	private final SlackProperties properties;

	private final Clock clock;

	SlackAccounts(JdbcClient jdbc, SlackApi slack, PersonRepository people, SlackProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.slack = slack;
		this.people = people;
		this.properties = properties;
		this.clock = clock;
	}

	/** The Slack user id of a person, looked up when the cache has none or is stale. */
	Optional<String> slackUserOf(long personId) {
		Instant now = this.clock.instant();
		Optional<Match> cached = cached(personId);
		Person person = this.people.findById(personId).orElse(null);
		if (person == null) {
			return Optional.empty();
		}
		if (cached.isPresent() && cached.get().email().equalsIgnoreCase(person.getEmail())
				&& cached.get().lookedUpAt().plus(this.properties.lookupTtl()).isAfter(now)) {
			return Optional.ofNullable(cached.get().slackUserId());
		}
		Optional<String> found = this.slack.userByEmail(person.getEmail());
		remember(personId, found.orElse(null), person.getEmail(), now);
		return found;
	}

	/** The person a Slack user is, by a cached match or by their email in Slack. */
	Optional<Person> personOf(String slackUserId) {
		Optional<Long> cached = this.jdbc.sql("select person_id from slack_user where slack_user_id = ?")
			.param(slackUserId)
			.query(Long.class)
			.optional();
		if (cached.isPresent()) {
			return this.people.findById(cached.get()).filter(Person::isActive);
		}
		Optional<Person> person = this.slack.emailOf(slackUserId).flatMap(this.people::findByEmail);
		person.ifPresent(p -> remember(p.getId(), slackUserId, p.getEmail(), this.clock.instant()));
		return person.filter(Person::isActive);
	}

	Optional<Match> cached(long personId) {
		return this.jdbc.sql("select person_id, slack_user_id, email, looked_up_at from slack_user where person_id = ?")
			.param(personId)
			.query((rs, n) -> new Match(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	private void remember(long personId, String slackUserId, String email, Instant now) {
		// A Slack user matched to someone else before (an email moved between people)
		// belongs to this person now.
		if (slackUserId != null) {
			this.jdbc.sql("update slack_user set slack_user_id = null where slack_user_id = ? and person_id <> ?")
				.params(slackUserId, personId)
				.update();
		}
		this.jdbc
			.sql("""
					insert into slack_user (person_id, slack_user_id, email, looked_up_at) values (?, ?, ?, ?)
					on conflict (person_id) do update
					set slack_user_id = excluded.slack_user_id, email = excluded.email, looked_up_at = excluded.looked_up_at""")
			.params(personId, slackUserId, email, Timestamp.from(now))
			.update();
	}

}
