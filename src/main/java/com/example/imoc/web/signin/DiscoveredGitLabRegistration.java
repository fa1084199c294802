package com.example.imoc.web.signin;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The GitLab registration, built from the provider's discovery document the first time
 * someone clicks "Sign in with GitLab" rather than at start-up. The scheduler is needed
 * most while GitLab.com has an incident, so it must start, and the password form must
 * work, when GitLab cannot be reached; a failed discovery is retried on the next click.
 */
final class DiscoveredGitLabRegistration implements ClientRegistrationRepository {

	static final String REGISTRATION_ID = "gitlab";

	static final String UNREACHABLE = "gitlab_unreachable";

	private final GitLabProperties properties;

	/**
	 * Set once discovery succeeded; two concurrent first clicks may both discover, which
	 * is harmless.
	 */
	private volatile ClientRegistration registration;

	DiscoveredGitLabRegistration(GitLabProperties properties) {
		this.properties = properties;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration known = this.registration;
		if (known == null) {
			known = discover();
			this.registration = known;
		}
		return known;
	}

	private ClientRegistration discover() {
		try {
			return ClientRegistrations.fromOidcIssuerLocation(this.properties.issuerUri().trim())
				.registrationId(REGISTRATION_ID)
				.clientName("GitLab")
				.clientId(this.properties.clientId().trim())
				.clientSecret(this.properties.clientSecret().trim())
				.scope("openid", "email", "profile")
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.build();
		}
		catch (RuntimeException ex) {
			// An authentication failure, so both OAuth2 filters hand it to GitLabSignIns,
			// which explains it.
			throw new OAuth2AuthenticationException(new OAuth2Error(UNREACHABLE,
					"GitLab's OpenID configuration could not be read from " + this.properties.issuerUri(), null), ex);
		}
	}

}
