package com.example.imoc.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module that words a notice without knowing who reads it marks its times; each
 * recipient's inbox (and so their mail) reads them in their own zone.
 */
@IntegrationTest
class NoticeTimesTests {

	static final Instant START = Instant.parse("2026-12-01T05:00:00Z");

	static final Instant END = Instant.parse("2026-12-01T11:00:00Z");

	@Autowired
	Notifications notifications;

	@Autowired
	TestPeople people;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void markedTimesReadInEachRecipientsZone() {
		Person london = this.people.manager("Notice London", "Europe/London");
		Person kolkata = this.people.manager("Notice Kolkata", "Asia/Kolkata");
		Person chicago = this.people.manager("Notice Chicago", "America/Chicago");
		String body = "Take the part " + Notice.span(START, END) + ", answer by " + Notice.time(END) + ".";
		this.transactions.executeWithoutResult(status -> {
			this.notifications.sendAll(List.of(new Notice(london.getId(), "test.times", "Cover?", body, "/swaps"),
					new Notice(kolkata.getId(), "test.times", "Cover at " + Notice.time(START) + "?", body, "/swaps")));
			this.notifications.send(new Notice(chicago.getId(), "test.times", "Cover?", body, "/swaps"));
		});
		assertThat(bodyOf(london))
			.isEqualTo("Take the part Tue 1 Dec 05:00 – 11:00 GMT, answer by Tue 1 Dec 11:00 GMT.");
		assertThat(bodyOf(kolkata))
			.isEqualTo("Take the part Tue 1 Dec 10:30 – 16:30 IST, answer by Tue 1 Dec 16:30 IST.");
		assertThat(this.jdbc.queryForObject("select subject from notification where recipient_id = ?", String.class,
				kolkata.getId()))
			.isEqualTo("Cover at Tue 1 Dec 10:30 IST?");
		assertThat(bodyOf(chicago))
			.isEqualTo("Take the part Mon 30 Nov 23:00 – Tue 1 Dec 05:00 CST, answer by Tue 1 Dec 05:00 CST.");
	}

	/**
	 * An open cover tells hundreds of people in one batch, and the words are put in each
	 * zone once per text: recipients sharing a zone read the same words, other zones
	 * their own, and two different texts to the same zone are never mixed up.
	 */
	@Test
	void aBatchToManyRecipientsWordsEachTextInEachOfTheirZones() {
		List<Person> london = List.of(this.people.manager("Batch London 1", "Europe/London"),
				this.people.manager("Batch London 2", "Europe/London"),
				this.people.manager("Batch London 3", "Europe/London"));
		Person sydney = this.people.manager("Batch Sydney", "Australia/Sydney");
		String offer = "Take " + Notice.span(START, END) + ".";
		String other = "Answer by " + Notice.time(START) + ".";
		this.transactions.executeWithoutResult(status -> this.notifications
			.sendAll(List.of(new Notice(london.get(0).getId(), "test.batch", "Cover?", offer, "/swaps"),
					new Notice(sydney.getId(), "test.batch", "Cover?", offer, "/swaps"),
					new Notice(london.get(1).getId(), "test.batch", "By " + Notice.time(END) + "?", other, "/swaps"),
					new Notice(london.get(2).getId(), "test.batch", "Cover?", offer, "/swaps"))));
		assertThat(bodyOf(london.get(0))).isEqualTo("Take Tue 1 Dec 05:00 – 11:00 GMT.");
		assertThat(bodyOf(london.get(2))).isEqualTo("Take Tue 1 Dec 05:00 – 11:00 GMT.");
		assertThat(bodyOf(sydney)).isEqualTo("Take Tue 1 Dec 16:00 – 22:00 AEDT.");
		assertThat(bodyOf(london.get(1))).isEqualTo("Answer by Tue 1 Dec 05:00 GMT.");
		assertThat(this.jdbc.queryForObject("select subject from notification where recipient_id = ?", String.class,
				london.get(1).getId()))
			.isEqualTo("By Tue 1 Dec 11:00 GMT?");
	}

	@Test
	void somethingThatOnlyLooksLikeAMarkStaysAsTyped() {
		assertThat(LocalTimes.resolve("see {time:2026-13-45T99:99Z} and {span:2026-12-01T05:00:00Z}",
				ZoneId.of("Europe/London")))
			.isEqualTo("see {time:2026-13-45T99:99Z} and {span:2026-12-01T05:00:00Z}");
		assertThat(LocalTimes.resolve("{no marks}", ZoneId.of("UTC"))).isEqualTo("{no marks}");
	}

	private String bodyOf(Person person) {
		return this.jdbc.queryForObject("select body from notification where recipient_id = ?", String.class,
				person.getId());
	}

}
