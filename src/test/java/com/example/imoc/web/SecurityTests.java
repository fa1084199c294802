package com.example.imoc.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SecurityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/my/shifts")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/people")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void theLoginPageHasTheStableFieldNames() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"username\"")))
			.andExpect(content().string(containsString("name=\"password\"")));
	}

	@Test
	void aManagerSignsInWithEmailAndPassword() throws Exception {
		Person jane = this.testPeople.manager("Jane Signin");
		this.mvc.perform(formLogin("/login").user(jane.getEmail().toUpperCase()).password(TestPeople.PASSWORD))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void aWrongPasswordGetsTheSameGenericMessageAsAnUnknownEmail() throws Exception {
		Person jane = this.testPeople.manager("Jane Wrongpass");
		this.mvc.perform(formLogin("/login").user(jane.getEmail()).password("nope"))
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(formLogin("/login").user("nobody@example.com").password("nope"))
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(get("/login").param("error", ""))
			.andExpect(content().string(containsString("That email and password do not match an account.")));
	}

	@Test
	void aManagerIsRefusedCoordinatorPagesAndActions() throws Exception {
		Person manager = this.testPeople.manager("Mark Manager");
		Person victim = this.testPeople.manager("Vic Victim");
		this.mvc.perform(get("/admin/people").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/audit").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/people/{id}/deactivate", victim.getId()).with(user(TestPeople.signedIn(manager)))
				.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.people.findById(victim.getId()).orElseThrow().isActive()).isTrue();
	}

	@Test
	void theCoordinatorReachesTheRoster() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Coordinator");
		this.mvc.perform(get("/admin/people").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Cora Coordinator")));
	}

	@Test
	void aPostWithoutTheCsrfTokenIsRejectedAndChangesNothing() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Csrf");
		Person target = this.testPeople.manager("Tara Target");
		this.mvc
			.perform(post("/admin/people/{id}/deactivate", target.getId()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isForbidden());
		assertThat(this.people.findById(target.getId()).orElseThrow().isActive()).isTrue();
	}

	@Test
	void theLayoutExposesTheCsrfTokenForScripts() throws Exception {
		Person jane = this.testPeople.manager("Jane Meta");
		this.mvc.perform(get("/").with(user(TestPeople.signedIn(jane))))
			.andExpect(content().string(containsString("<meta name=\"_csrf\"")))
			.andExpect(content().string(containsString("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">")));
	}

	@Test
	void theApiAnswers401InJsonInsteadOfRedirecting() throws Exception {
		this.mvc.perform(get("/api/v1/oncall"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string(containsString("\"error\"")));
	}

	@Test
	void pagesCarrySecureHeaders() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().exists("Content-Security-Policy"));
	}

	@Test
	void httpsRequestsGetHstsAndPlainOnesDoNot() throws Exception {
		// Behind a TLS-terminating proxy, Tomcat's RemoteIpValve
		// (server.forward-headers-strategy=native) marks the
		// request secure from X-Forwarded-Proto; a secure request is what this simulates.
		this.mvc.perform(get("/login").secure(true))
			.andExpect(header().string("Strict-Transport-Security", containsString("max-age=31536000")))
			.andExpect(header().string("Strict-Transport-Security", containsString("includeSubDomains")));
		this.mvc.perform(get("/login")).andExpect(header().doesNotExist("Strict-Transport-Security"));
	}

	@Test
	void theContentSecurityPolicyAllowsNoInlineScriptNoPluginsAndNoFraming() throws Exception {
		String csp = this.mvc.perform(get("/login")).andReturn().getResponse().getHeader("Content-Security-Policy");
		assertThat(csp)
			.contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
					"frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval")
			.doesNotContain("*");
		this.mvc.perform(get("/login")).andExpect(header().string("Referrer-Policy", "same-origin"));
	}

	@Test
	void healthAndMetricsArePublic() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("UP")));
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
	}

}
