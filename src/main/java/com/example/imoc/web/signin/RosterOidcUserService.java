package com.example.imoc.web.signin;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.SignedInPerson;

/**
 * Turns GitLab's word about someone into a roster person. A GitLab account linked before
 * (its issuer and {@code sub}) is matched on that alone; an unlinked one must carry an
 * email that GitLab verified ({@code email_verified} true) which an active roster person
 * has (case-insensitive), and is linked to that person on this first use, unless the
 * person is already linked to another GitLab account (so changing one's GitLab email to a
 * colleague's gets nothing). Anything else is refused with a {@link SignInRefused} that
 * says why. Roles come from the roster, never from GitLab.
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
		String issuer = String.valueOf(user.getIdToken().getIssuer());
		String subject = user.getSubject();
		String email = user.getEmail() == null ? null : user.getEmail().trim();
		// An unverified email is one anybody could have typed into their GitLab profile:
		// never trust it.
		boolean verified = StringUtils.hasText(email) && Boolean.TRUE.equals(user.getEmailVerified());
		PersonAccounts.GitLabAccount account = this.accounts.byGitLab(issuer, subject, verified ? email : null);
		switch (account.match()) {
			case LINKED, BY_EMAIL -> {
				if (!account.person().active()) {
					throw SignInRefused.deactivated(account.person().email(), account.person().id());
				}
				return new RosterOidcUser(user, account.person().withoutPassword());
			}
			case LINKED_TO_ANOTHER -> throw SignInRefused.linkedToAnother(email, account.person().id());
			default -> {
				if (!StringUtils.hasText(email)) {
					throw SignInRefused.noEmail();
				}
				if (!verified) {
					throw SignInRefused.unverified(email);
				}
				throw SignInRefused.unknown(email);
			}
		}
	}

	/**
	 * GitLab's view of the user, holding the roster person that {@link GitLabSignIns}
	 * makes the session's principal.
	 */
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
