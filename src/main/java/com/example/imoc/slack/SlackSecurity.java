package com.example.imoc.slack;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Slack's requests carry no session and no CSRF token; they prove themselves with the
 * signing secret instead. The signature filter runs first of all (before any filter could
 * consume the form body it signs), and this security chain, just for {@code /slack/**},
 * lets through only what that filter verified; every other path keeps the application's
 * own chain with CSRF on.
 */
@Configuration(proxyBeanMethods = false)
@SlackEnabled
class SlackSecurity {

	@Bean
	FilterRegistrationBean<SlackRequestFilter> slackRequestFilter(SlackSignatures signatures) {
		FilterRegistrationBean<SlackRequestFilter> registration = new FilterRegistrationBean<>(
				new SlackRequestFilter(signatures));
		registration.addUrlPatterns("/slack/*");
		registration.setOrder(Math.max(Ordered.HIGHEST_PRECEDENCE, SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10));
		return registration;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain slackSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/slack/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.anyRequest()
				.access((authentication, context) -> new AuthorizationDecision(
						Boolean.TRUE.equals(context.getRequest().getAttribute(SlackRequestFilter.VERIFIED)))))
			.build();
	}

}
