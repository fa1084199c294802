package com.example.imoc.web.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * "Sign in with GitLab": the OpenID provider (https://gitlab.com, or a self-managed
 * GitLab's URL) and the application's id and secret from its registration there. All
 * three set turns it on; none set leaves it off.
 */
@ConfigurationProperties("imoc.oidc")
record GitLabProperties(String issuerUri, String clientId, String clientSecret) {

	boolean anySet() {
		return StringUtils.hasText(this.issuerUri) || StringUtils.hasText(this.clientId)
				|| StringUtils.hasText(this.clientSecret);
	}

	/**
	 * Half a configuration is a mistake to report at start-up, not a reason to quietly
	 * show no GitLab button.
	 */
	void requireComplete() {
		if (!StringUtils.hasText(this.issuerUri) || !StringUtils.hasText(this.clientId)
				|| !StringUtils.hasText(this.clientSecret)) {
			throw new IllegalStateException("Sign in with GitLab needs IMOC_OIDC_ISSUER_URI, IMOC_OIDC_CLIENT_ID and "
					+ "IMOC_OIDC_CLIENT_SECRET together; set all three, or none to turn it off.");
		}
	}

}
