package com.example.imoc.people;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a signed-in session or API call: who is asking, with their role. A
 * session keeps it between requests (in the shared session store, without the password
 * hash); {@code web.RosterSessions} compares it with the roster on every request, so a
 * changed role applies at once and a moved {@code securityVersion} (password changed or
 * reset, deactivated, signed out everywhere) ends the session.
 */
public record SignedInPerson(long id, String email, String name, String passwordHash, Role role, boolean active,
		long securityVersion) implements UserDetails {

	/** A principal of security version 0 (a person whose sessions were never ended). */
	public SignedInPerson(long id, String email, String name, String passwordHash, Role role, boolean active) {
		this(id, email, name, passwordHash, role, active, 0);
	}

	static SignedInPerson of(Person person) {
		return new SignedInPerson(person.getId(), person.getEmail(), person.getName(), person.getPasswordHash(),
				person.getRole(), person.isActive(), person.getSecurityVersion());
	}

	/**
	 * The same person without the password hash: what a session keeps once the password
	 * was checked.
	 */
	public SignedInPerson withoutPassword() {
		return this.passwordHash == null ? this : new SignedInPerson(this.id, this.email, this.name, null, this.role,
				this.active, this.securityVersion);
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
