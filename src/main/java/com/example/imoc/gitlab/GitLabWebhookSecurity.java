package com.example.imoc.gitlab;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The webhook's own filter chain, ahead of the application's: GitLab has no session and
 * no CSRF token, and proves itself with the {@code X-Gitlab-Token} header that
 * {@link GitLabWebhookController} checks. Only this one path is exempt.
 */
@Configuration(proxyBeanMethods = false)
class GitLabWebhookSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain gitLabWebhookChain(HttpSecurity http) throws Exception {
		return http.securityMatcher(GitLabWebhookController.PATH)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}

}
