package com.example.imoc.swap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.SignedInPerson;

/**
 * How many requests wait for a person's answer, for the navigation's Swaps item on every
 * page: requests addressed to them and, for a coordinator, those waiting for approval.
 * Counted for everyone in one statement per data generation (every page shows it, and
 * most pages change nothing), so a page costs a map lookup.
 */
@Component
class WaitingSwaps {

	private final JdbcClient jdbc;

	private final DataChanges changes;

	private volatile Counts counts = new Counts(-1, Map.of(), 0);

	WaitingSwaps(JdbcClient jdbc, DataChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/** Requests addressed to this person, pending, and approvals for a coordinator. */
	int waitingFor(SignedInPerson me) {
		Counts current = current();
		return current.addressedTo().getOrDefault(me.id(), 0) + (me.isCoordinator() ? current.approvals() : 0);
	}

	/**
	 * The oldest pending requests addressed to the person, at most {@code limit} (for
	 * {@code /}).
	 */
	List<Long> addressedTo(long personId, int limit) {
		return this.jdbc.sql("""
				select id from swap_request
				where counterpart_id = ? and state = 'PENDING'
				order by created_at, id limit ?""").params(personId, limit).query(Long.class).list();
	}

	private Counts current() {
		Counts known = this.counts;
		if (this.changes.isCurrent(known.stamp())) {
			return known;
		}
		// The stamp is taken before reading: a change during the read leaves it stale.
		long stamp = this.changes.stamp();
		Map<Long, Integer> addressed = new HashMap<>();
		int[] approvals = { 0 };
		this.jdbc.sql("""
				select counterpart_id, state, count(*) from swap_request
				where state = 'APPROVAL_PENDING' or (state = 'PENDING' and counterpart_id is not null)
				group by counterpart_id, state""").query((rs) -> {
			if ("APPROVAL_PENDING".equals(rs.getString(2))) {
				approvals[0] += rs.getInt(3);
			}
			else {
				addressed.put(rs.getLong(1), rs.getInt(3));
			}
		});
		Counts fresh = new Counts(stamp, Map.copyOf(addressed), approvals[0]);
		if (stamp >= 0) {
			this.counts = fresh;
		}
		return fresh;
	}

	private record Counts(long stamp, Map<Long, Integer> addressedTo, int approvals) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		static CacheDependencies waitingSwapsCache() {
			return CacheDependencies.of("waiting swap requests", WaitingSwaps.class, "swap_request");
		}

	}

}
