package com.example.imoc.web.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.web.signin.GitLabSignIns;

/**
 * Who may reach what. Sign-in, static files, errors and health are public; everything
 * else needs a session. Modules add the rules for their own addresses as
 * {@code Customizer<AuthorizationManagerRequestMatcherRegistry>} beans, which Spring
 * Security applies to this chain before the rules here (the coordinator's area in
 * {@code people.CoordinatorArea}, public calendar feeds in
 * {@code calendar.FeedAddresses}); the shell knows no feature's address. The API answers
 * 401 in JSON instead of redirecting. "Sign in with GitLab" joins the password form only
 * when a GitLab registration is configured (see
 * {@link com.example.imoc.web.signin.GitLabSignInConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * No observations of Spring Security's filters. Their metrics are off already
	 * ({@code management.observations.enable.spring.security}), but with an observation
	 * registry present Spring Security still wrapped each of its filters in an observing
	 * decorator on every request (issue 17: a visible share of a reload answered from the
	 * page cache). HTTP request metrics ({@code http.server.requests}) stay.
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokens tokens, SignInThrottle throttle,
			AuditLog auditLog, PersonRepository people, PersonAccounts accounts,
			ObjectProvider<ClientRegistrationRepository> registrations, PlatformTransactionManager transactionManager)
			throws Exception {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		SignInAttempts signIns = new SignInAttempts(throttle, auditLog, people, transactions);
		ClientRegistrationRepository gitLab = registrations.getIfAvailable();
		if (gitLab != null) {
			new GitLabSignIns(accounts, auditLog, transactions).configure(http, gitLab);
		}
		http.addFilterAfter(new RosterSessions(accounts), SecurityContextHolderFilter.class)
			// Before the CSRF check, which exempts exactly the requests this filter
			// authenticated by their token.
			.addFilterBefore(new BearerTokenFilter(tokens), CsrfFilter.class)
			.addFilterBefore(signIns, UsernamePasswordAuthenticationFilter.class)
			// Token-authenticated API calls carry no cookies a third-party page could
			// ride on, so no CSRF token. A
			// Bearer header the filter did not accept (another path, a junk token)
			// exempts nothing.
			.csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter::authenticated))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/login").failureHandler(signIns).successHandler(signIns).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint()))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * The API answers 401 with a JSON error; pages send the browser to the sign-in form.
	 */
	private static AuthenticationEntryPoint entryPoint() {
		AuthenticationEntryPoint api = (request, response, ex) -> {
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"error\":\"Sign in, or send an Authorization: Bearer <personal access token> header.\"}");
		};
		RequestMatcher apiPaths = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		return new DelegatingAuthenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"),
				new RequestMatcherEntry<>(apiPaths, api));
	}

}
