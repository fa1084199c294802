package com.example.imoc.web.signin;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * Turns "Sign in with GitLab" on when any {@code imoc.oidc.*} (IMOC_OIDC_*) setting is
 * present, and then insists on all three. Without them there is no
 * {@link ClientRegistrationRepository}, so
 * {@link com.example.imoc.web.security.SecurityConfiguration} sets up no OpenID Connect
 * at all and the login page shows the password form alone.
 * <p>
 * Spring Boot's own {@code spring.security.oauth2.client.*} settings still work too (a
 * registration named {@code gitlab}); ours win when both are given. Ours discover GitLab
 * lazily, see {@link DiscoveredGitLabRegistration}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GitLabSignInConfiguration.AnySettingPresent.class)
class GitLabSignInConfiguration {

	@Bean
	ClientRegistrationRepository gitLabRegistration(GitLabProperties properties) {
		properties.requireComplete();
		return new DiscoveredGitLabRegistration(properties);
	}

	static class AnySettingPresent extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean anySet = Binder.get(context.getEnvironment())
				.bind("imoc.oidc", GitLabProperties.class)
				.map(GitLabProperties::anySet)
				.orElse(false);
			return anySet ? ConditionOutcome.match("imoc.oidc.* is set")
					: ConditionOutcome.noMatch("no imoc.oidc.* setting");
		}

	}

}
