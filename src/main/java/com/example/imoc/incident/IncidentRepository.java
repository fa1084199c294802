package com.example.imoc.incident;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface IncidentRepository extends JpaRepository<Incident, Long>, JpaSpecificationExecutor<Incident> {

	/**
	 * Incidents whose impact (start, else declared → mitigated, else resolved, else still
	 * going) overlaps [from, to).
	 */
	@Query("""
			select i from Incident i
			where coalesce(i.impactStartedAt, i.declaredAt) < :to
			  and (coalesce(i.mitigatedAt, i.resolvedAt) is null or coalesce(i.mitigatedAt, i.resolvedAt) > :from)
			order by i.declaredAt
			""")
	List<Incident> impactingBetween(@Param("from") Instant from, @Param("to") Instant to);

	/**
	 * Incidents that were open at some moment of [from, to): declared before its end, not
	 * resolved before its start.
	 */
	@Query("""
			select i from Incident i
			where i.declaredAt < :to and (i.resolvedAt is null or i.resolvedAt > :from)
			order by i.declaredAt
			""")
	List<Incident> openBetween(@Param("from") Instant from, @Param("to") Instant to);

	List<Incident> findByDeclaredAtGreaterThanEqualAndDeclaredAtLessThanOrderByDeclaredAt(Instant from, Instant to);

}
