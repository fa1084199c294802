package com.example.imoc.people;

import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs people in by their email (case-insensitive). Deactivated people and people without a password cannot use
 * the password form; {@link #byEmail} serves sign-ins where someone else (GitLab) vouches for the email.
 */
@Service
public class PersonAccounts implements UserDetailsService {

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

	/**
	 * The roster person with this email (case-insensitive), active or not: the caller decides, and says which it was.
	 * The principal is the one the password form yields, so every page treats both sign-ins alike.
	 */
	@Transactional(readOnly = true)
	public Optional<SignedInPerson> byEmail(String email) {
		return this.people.findByEmail(email.trim()).map(SignedInPerson::of);
	}

}
