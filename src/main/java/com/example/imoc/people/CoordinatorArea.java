package com.example.imoc.people;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Everything under {@code /admin} is the coordinator's, whichever module's page it is
 * (the roster, holidays, services, audit, rotations, gaps): the roster owns the roles, so
 * it owns this rule. Spring Security applies such customizer beans to the one filter
 * chain before the web shell's own rules, so an address a module adds under
 * {@code /admin} is closed to managers without anyone listing it.
 */
@Configuration(proxyBeanMethods = false)
class CoordinatorArea {

	@Bean
	Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> coordinatorOnlyUnderAdmin() {
		return requests -> requests.requestMatchers("/admin/**").hasRole(Role.COORDINATOR.name());
	}

}
