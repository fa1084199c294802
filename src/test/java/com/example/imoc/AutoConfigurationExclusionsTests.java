package com.example.imoc;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.web.PageableHandlerMethodArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configurations of features the app does not have stay out of the context
 * (issue 17, start-up), and the ones the app's features need stay in.
 */
class AutoConfigurationExclusionsTests extends ExternalApiTest {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void unusedAutoConfigurationsAreExcludedAndTheNeededOnesKept() {
		ConditionEvaluationReport report = ConditionEvaluationReport.get(this.context.getBeanFactory());
		assertThat(report.getExclusions()).contains(
				"org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
				"org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
				"org.springdoc.core.configuration.SpringDocKotlinConfiguration",
				"org.springdoc.core.configuration.SpringDocPageableConfiguration",
				"org.springdoc.core.configuration.SpringDocSortConfiguration");
		assertThat(this.context.getBeanNamesForType(PageableHandlerMethodArgumentResolver.class)).isEmpty();
		// What Quartz, Session JDBC, GitLab sign-in and the API docs need is still
		// applied;
		// mail is configured by the environment (a host), so only evaluated here.
		for (String needed : List.of("org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
				"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
				"org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration")) {
			assertThat(report.getConditionAndOutcomesBySource().get(needed)).as(needed).isNotNull();
			assertThat(report.getConditionAndOutcomesBySource().get(needed).isFullMatch()).as(needed).isTrue();
		}
		assertThat(report.getConditionAndOutcomesBySource())
			.containsKey("org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration");
		assertThat(report.getExclusions()).noneMatch((name) -> name.contains("Mail") || name.contains("Quartz")
				|| name.contains("Session") || name.contains("OAuth2") || name.contains("Health"));
	}

}
