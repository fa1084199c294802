package com.example.imoc.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Role;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "imoc.demo=true")
@ActiveProfiles("test")
class DemoSeedingTests {

	@Autowired
	DemoSeeder seeder;

	@Autowired
	PersonRepository people;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DemoIncidents incidentSeeder;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void seedsARealisticOrganisationWithTheDocumentedLogins() {
		assertThat(this.people.count()).isBetween(38L, 50L);
		Person coordinator = this.people.findByEmail("coordinator@example.com").orElseThrow();
		assertThat(coordinator.getRole()).isEqualTo(Role.COORDINATOR);
		assertThat(this.encoder.matches("demo", coordinator.getPasswordHash())).isTrue();
		Person jane = this.people.findByEmail("jane.doe@example.com").orElseThrow();
		assertThat(this.encoder.matches("demo", jane.getPasswordHash())).isTrue();
		assertThat(this.people.findAll()).extracting(p -> p.getRegion().name()).contains("APAC", "EMEA", "AMER");
		assertThat(this.people.findAll()).anyMatch(Person::isWeekdaysOnly);
		assertThat(this.people.findAll()).anyMatch(p -> p.getOnboardingState().isTraining());
		assertThat(this.people.findAll()).anyMatch(Person::isOptedIn);
	}

	@Test
	void seedsPublishedHistoryAndRecentIncidentsOnce() throws Exception {
		assertThat(this.jdbc.queryForObject("select count(*) from availability_month", Integer.class)).isEqualTo(60);
		Integer incidents = this.jdbc.queryForObject("select count(*) from incident", Integer.class);
		assertThat(incidents).isBetween(20, 30);
		assertThat(
				this.jdbc.queryForObject("select count(*) from incident where not detected_internally", Integer.class))
			.isPositive();
		this.incidentSeeder.run(null);
		assertThat(this.jdbc.queryForObject("select count(*) from incident", Integer.class)).isEqualTo(incidents);
	}

	@Test
	void seedingRunsOnce() throws Exception {
		long before = this.people.count();
		this.seeder.run(null);
		this.seeder.run(null);
		assertThat(this.people.count()).isEqualTo(before);
	}

	@Test
	void demoModeIsOnlyEverOnForTheEmbeddedDatabaseTheAppReallyUses() {
		// Every combination of the switches: imoc.demo unset/true/false, an external URL
		// or not, and whether the
		// app's connections really reach the embedded server it started.
		for (Boolean requested : new Boolean[] { null, true, false }) {
			for (boolean externalUrl : new boolean[] { true, false }) {
				for (boolean reachesEmbedded : new boolean[] { true, false }) {
					boolean expected = !Boolean.FALSE.equals(requested) && !externalUrl && reachesEmbedded;
					assertThat(DemoMode.decide(requested, externalUrl, reachesEmbedded))
						.as("imoc.demo=%s, external URL %s, app reaches the embedded server %s", requested, externalUrl,
								reachesEmbedded)
						.isEqualTo(expected);
				}
			}
		}
	}

}
