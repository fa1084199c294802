package com.example.imoc.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/**}, served at {@code /v3/api-docs} with a
 * browsable UI at {@code /swagger-ui.html} (both for signed-in users).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI imocOpenApi() {
		return new OpenAPI()
			.info(new Info().title("IMOC Scheduler API")
				.version("v1")
				.description("Who is on call, shifts, swaps, incidents and availability. Authenticate with "
						+ "Authorization: Bearer <personal access token> (create one on your profile page). "
						+ "Instants are ISO-8601 in UTC. Errors: {\"error\": \"…\", \"fields\": {\"field\": \"…\"}}."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
