package com.example.imoc.web;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.SignedInPerson;

/**
 * Turns GitLab's word about someone into a roster person: the ID token (and user info) must carry an email that
 * GitLab verified ({@code email_verified} true), and an active roster person must have that email (case-insensitive).
 * Anything else is refused with a {@link SignInRefused} that says why. Roles come from the roster, never from GitLab.
 */
class RosterOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OAuth2UserService<OidcUserRequest, OidcUser> gitLab;

	private final PersonAccounts accounts;

	RosterOidcUserService(PersonAccounts accounts) {
		this(new OidcUserService(), accounts);
	}

	RosterOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> gitLab, PersonAccounts accounts) {
		this.gitLab = gitLab;
		this.accounts = accounts;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.gitLab.loadUser(request);
		String email = user.getEmail() == null ? null : user.getEmail().trim();
		if (!StringUtils.hasText(email)) {
			throw SignInRefused.noEmail();
		}
		// An unverified email is one anybody could have typed into their GitLab profile: never trust it.
		if (!Boolean.TRUE.equals(user.getEmailVerified())) {
			throw SignInRefused.unverified(email);
		}
		SignedInPerson person = this.accounts.byEmail(email).orElseThrow(() -> SignInRefused.unknown(email));
		if (!person.active()) {
			throw SignInRefused.deactivated(email, person.id());
		}
		return new RosterOidcUser(user, person);
	}

	/** GitLab's view of the user, holding the roster person that {@link GitLabSignIns} makes the session's principal. */
	static final class RosterOidcUser extends DefaultOidcUser {

		private final transient SignedInPerson person;

		RosterOidcUser(OidcUser user, SignedInPerson person) {
			super(person.getAuthorities(), user.getIdToken(), user.getUserInfo());
			this.person = person;
		}

		SignedInPerson person() {
			return this.person;
		}

	}

}
