package com.example.imoc.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When incidents paged the IMOC, read in bulk: the rule of {@link Incident#pagedAt()} in
 * SQL (an S1 or S2 pages at "declared at"; further pages are typed on the incident).
 */
@Repository
class IncidentPages {

	record Paged(long incidentId, Instant at) {
	}

	private final JdbcClient jdbc;

	IncidentPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every page in [from, to), in time order. */
	List<Paged> between(Instant from, Instant to) {
		return this.jdbc.sql("""
				select id, declared_at as at from incident
				where severity in ('S1', 'S2') and declared_at >= ? and declared_at < ?
				union
				select incident_id, paged_at from incident_page where paged_at >= ? and paged_at < ?
				order by at""")
			.params(Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> new Paged(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

}
