package com.example.imoc;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import com.example.imoc.database.RegexQueryEnhancerSelector;

@SpringBootApplication
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
