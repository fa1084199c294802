package com.example.imoc.people;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates people for tests: unique emails, a known password, sensible eligible defaults.
 */
@Component
public class TestPeople {

	public static final String PASSWORD = "secret-password";

	private final PersonRepository people;

	private final String passwordHash;

	TestPeople(PersonRepository people, PasswordEncoder encoder) {
		this.people = people;
		this.passwordHash = encoder.encode(PASSWORD);
	}

	@Transactional
	public Person manager(String name) {
		return save(name, Role.MANAGER, "Europe/London");
	}

	@Transactional
	public Person manager(String name, String zone) {
		return save(name, Role.MANAGER, zone);
	}

	@Transactional
	public Person coordinator(String name) {
		return save(name, Role.COORDINATOR, "UTC");
	}

	private Person save(String name, Role role, String zone) {
		String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.com";
		Person person = new Person(name, email, JobTitle.BACKEND_ENGINEERING_MANAGER, 8, ZoneId.of(zone), Region.EMEA,
				LocalDate.now().minusYears(2));
		person.setRole(role);
		person.setPasswordHash(this.passwordHash);
		return this.people.save(person);
	}

	@Transactional(readOnly = true)
	public Person find(long id) {
		return this.people.findById(id).orElseThrow();
	}

	public static SignedInPerson signedIn(Person person) {
		return SignedInPerson.of(person);
	}

}
