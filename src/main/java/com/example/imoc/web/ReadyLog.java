package com.example.imoc.web;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the app where to open it, once it is ready (demo seeded, jobs
 * scheduled): one line with the port the server really listens on and the context path,
 * {@code IMOC Scheduler is ready: open http://localhost:8080/}. Nothing is printed when
 * no server runs (a test without one).
 */
@Component
class ReadyLog {

	private static final Logger log = LoggerFactory.getLogger(ReadyLog.class);

	@EventListener
	void on(ApplicationReadyEvent event) {
		address(event.getApplicationContext().getEnvironment())
			.ifPresent(url -> log.info("IMOC Scheduler is ready: open {}", url));
	}

	/** Where a browser on this machine opens the app, if a server listens. */
	static Optional<String> address(Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return Optional.empty();
		}
		String path = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
		return Optional.of("http://localhost:" + port + path + "/");
	}

}
