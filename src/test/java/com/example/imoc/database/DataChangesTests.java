package com.example.imoc.database;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committing node moves its own cache generation on synchronously, exactly for
 * commits that changed shown data (issue 9): not for reads, not for polling bookkeeping,
 * and also when JPA sends its changes only at commit.
 */
@IntegrationTest
class DataChangesTests {

	@Autowired
	DataChanges changes;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Roster roster;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void aJpaChangeSentOnlyAtCommitCountsBeforeTheCommitReturns() {
		Person person = this.testPeople.manager("Generation Jpa");
		long before = this.changes.committedChanges();
		long stamp = this.changes.stamp();
		this.roster.changeTimeZone(person.getId(), ZoneId.of("Asia/Tokyo")); // a managed
																				// entity,
																				// flushed
																				// at
																				// commit
		// Right after the commit returned, before any notification could be relied on
		// (other threads may commit too).
		assertThat(this.changes.committedChanges()).isGreaterThan(before);
		assertThat(this.changes.isCurrent(stamp)).isFalse();
	}

	@Test
	void aJdbcWriteInATransactionCounts() {
		Person person = this.testPeople.manager("Generation Jdbc");
		long before = this.changes.committedChanges();
		this.transaction.executeWithoutResult(tx -> {
			this.jdbc.update("update person set name = 'Generation Renamed' where id = ?", person.getId());
			assertThat(marked()).isTrue();
		});
		assertThat(this.changes.committedChanges()).isGreaterThan(before);
	}

	@Test
	void readsAndPollingBookkeepingDoNotMarkTheTransaction() {
		Person person = this.testPeople.manager("Generation Reader");
		this.transaction.executeWithoutResult(tx -> {
			this.jdbc.queryForObject("select count(*) from shift", Long.class);
			this.jdbc.update("update access_token set last_used_at = now() where person_id = ?", person.getId());
			this.jdbc.update(
					"update feed_token set last_fetched_at = now(), last_client = 'x', fetch_count = fetch_count + 1 where person_id = ?",
					person.getId());
			assertThat(marked()).as("polling bookkeeping is not a shown change").isFalse();
			this.jdbc.update("update feed_token set revoked_at = now() where person_id = ? and false", person.getId());
			assertThat(marked()).as("a revocation statement is one").isTrue();
		});
	}

	/** Whether this transaction has changed shown data so far (set by the V9 trigger). */
	private boolean marked() {
		return "yes"
			.equals(this.jdbc.queryForObject("select current_setting('imoc.data_changed', true)", String.class));
	}

}
