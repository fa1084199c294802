package com.example.imoc.people;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PersonRepository extends JpaRepository<Person, Long> {

	@Query("select p from Person p where lower(p.email) = lower(:email)")
	Optional<Person> findByEmail(@Param("email") String email);

	@Query("""
			select p from Person p
			where (:text = '' or lower(p.name) like lower(concat('%', :text, '%')) or lower(p.email) like lower(concat('%', :text, '%')))
			  and (:region is null or p.region = :region)
			  and (:state is null or p.onboardingState = :state)
			order by p.name
			""")
	List<Person> search(@Param("text") String text, @Param("region") Region region,
			@Param("state") OnboardingState state);

	/**
	 * For pages that show the manager's name after the transaction (open-in-view is off).
	 */
	@EntityGraph(attributePaths = "manager")
	@Query("select p from Person p where p.id = :id")
	Optional<Person> findWithManagerById(@Param("id") long id);

	List<Person> findAllByOrderByNameAsc();

	List<Person> findByActiveTrueOrderByNameAsc();

	boolean existsByRole(Role role);

	Optional<Person> findByOidcIssuerAndOidcSubject(String oidcIssuer, String oidcSubject);

	List<Person> findByRoleAndActiveTrueOrderByNameAsc(Role role);

}
