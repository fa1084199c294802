package com.example.imoc.people;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs people in by their email (case-insensitive). Deactivated people and people without a password cannot.
 */
@Service
class PersonAccounts implements UserDetailsService {

	private final PersonRepository people;

	PersonAccounts(PersonRepository people) {
		this.people = people;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String email) {
		return this.people.findByEmail(email.trim())
			.map(SignedInPerson::of)
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
	}

}
