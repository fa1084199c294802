package com.example.imoc.people;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a signed-in session: enough to know who is asking without a database round trip.
 */
public record SignedInPerson(long id, String email, String name, String passwordHash, Role role, boolean active)
		implements UserDetails {

	static SignedInPerson of(Person person) {
		return new SignedInPerson(person.getId(), person.getEmail(), person.getName(), person.getPasswordHash(),
				person.getRole(), person.isActive());
	}

	public boolean isCoordinator() {
		return this.role == Role.COORDINATOR;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.role == Role.COORDINATOR
				? List.of(new SimpleGrantedAuthority(Role.COORDINATOR.authority()),
						new SimpleGrantedAuthority(Role.MANAGER.authority()))
				: List.of(new SimpleGrantedAuthority(Role.MANAGER.authority()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public boolean isEnabled() {
		return this.active && this.passwordHash != null;
	}

	@Override
	public String toString() {
		return "SignedInPerson[" + this.id + ", " + this.email + "]";
	}

}
