package com.example.imoc;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import com.example.imoc.database.RegexQueryEnhancerSelector;

/*
 * Auto-configurations of features the app does not have (issue 17, start-up: each is
 * classes to load and conditions to evaluate on every start): Spring Data's web support
 * (no controller takes a Pageable or Sort), springdoc's Kotlin, Pageable and Sort support
 * (no Kotlin; the API takes neither), and a timer around every repository call that no
 * dashboard reads (Prometheus keeps the HTTP, JVM, pool and Tomcat metrics).
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
		"org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
		"org.springdoc.core.configuration.SpringDocKotlinConfiguration",
		"org.springdoc.core.configuration.SpringDocPageableConfiguration",
		"org.springdoc.core.configuration.SpringDocSortConfiguration" })
@ConfigurationPropertiesScan
// All repositories of all modules (this package and below), read by one HQL parser
// (Hibernate's), not two: see RegexQueryEnhancerSelector.
@EnableJpaRepositories(queryEnhancerSelector = RegexQueryEnhancerSelector.class)
public class ImocApplication {

	public static void main(String[] args) {
		SpringApplication.run(ImocApplication.class, args);
	}

	/** The one source of "now", so tests can pin time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
