package com.example.imoc.web.signin;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * GitLab said who someone is, but the roster does not let them in. Carries what the login
 * page tells them and what the audit log records.
 *
 * @param email the email GitLab gave, or null when it gave none
 * @param personId the roster person it belongs to, when there is one (deactivated)
 */
class SignInRefused extends OAuth2AuthenticationException {

	private final String email;

	private final Long personId;

	private final String message;

	SignInRefused(String reason, String email, Long personId, String message) {
		super(new OAuth2Error(reason, message, null), reason);
		this.email = email;
		this.personId = personId;
		this.message = message;
	}

	static SignInRefused unverified(String email) {
		return new SignInRefused("email-unverified", email, null,
				"GitLab has not verified your email. Verify it in your GitLab profile, then try again.");
	}

	static SignInRefused noEmail() {
		return new SignInRefused("no-email", null, null,
				"GitLab did not share your email, so we cannot tell who you are on the roster.");
	}

	static SignInRefused unknown(String email) {
		return new SignInRefused("unknown-email", email, null,
				"No roster person has the email " + email + "; ask a coordinator to add you.");
	}

	static SignInRefused deactivated(String email, long personId) {
		return new SignInRefused("deactivated", email, personId,
				"The roster person with the email " + email + " is deactivated; ask a coordinator to reactivate them.");
	}

	static SignInRefused linkedToAnother(String email, long personId) {
		return new SignInRefused("linked-to-another", email, personId, "The roster person with the email " + email
				+ " signs in with another GitLab account; sign in with that one, or ask a coordinator.");
	}

	String reason() {
		return getError().getErrorCode();
	}

	String email() {
		return this.email;
	}

	Long personId() {
		return this.personId;
	}

	String userMessage() {
		return this.message;
	}

}
