package com.example.imoc.people;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.example.imoc.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Everything under {@code /admin} is the coordinator's, whichever module serves it: every
 * mapped address there, of every module, refuses a manager, and so does one nobody maps.
 */
@IntegrationTest
class CoordinatorAreaTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyAdminAddressOfEveryModuleRefusesAManager() throws Exception {
		Person manager = this.testPeople.manager("Mona Admin Area");
		List<String> checked = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/admin")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", "1");
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					this.mvc
						.perform(request(HttpMethod.valueOf(method.name()), path)
							.with(user(TestPeople.signedIn(manager)))
							.with(csrf()))
						.andExpect(status().isForbidden());
					checked.add(method + " " + path);
				}
			}
		}
		assertThat(checked).as("admin addresses of several modules")
			.contains("GET /admin/people", "GET /admin/audit", "GET /admin/services", "GET /admin/rotations/1/settings",
					"GET /admin/rotations/1/participants", "GET /admin/rotations/1/fairness", "GET /admin/gaps/1",
					"GET /admin/people/1/access");
	}

	@Test
	void anAdminAddressNobodyServesIsRefusedToAManagerAndNotFoundForTheCoordinator() throws Exception {
		Person manager = this.testPeople.manager("Mona Unmapped");
		Person coordinator = this.testPeople.coordinator("Cora Unmapped");
		this.mvc.perform(get("/admin/nothing-here").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/nothing-here").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isNotFound());
	}

}
