package com.example.imoc.people;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UnavailabilityRepository extends JpaRepository<Unavailability, Long> {

	List<Unavailability> findByPersonIdOrderByStartsAtAsc(long personId);

	@Query("select u from Unavailability u where u.endsAt > :from and u.startsAt < :to order by u.personId, u.startsAt")
	List<Unavailability> overlapping(@Param("from") Instant from, @Param("to") Instant to);

}
