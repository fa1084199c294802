package com.example.imoc;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
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
