package com.example.imoc.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

import com.example.imoc.web.api.MachinePath;

/**
 * What the web shell needs to know about feed addresses, said here instead of there:
 * anyone may fetch {@code /ical/**} (a calendar app has no session; the token in the path
 * is the secret, so a wrong one is a 404 that reveals nothing), calendar apps read them
 * (errors in JSON, never a sign-in page), and the token is never logged.
 */
@Configuration(proxyBeanMethods = false)
class FeedAddresses {

	static final String FEEDS = "/ical/";

	@Bean
	Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> feedsArePublic() {
		return requests -> requests.requestMatchers(FEEDS + "**").permitAll();
	}

	@Bean
	MachinePath feedsAreReadByCalendarApps() {
		return new MachinePath(FEEDS, true);
	}

}
