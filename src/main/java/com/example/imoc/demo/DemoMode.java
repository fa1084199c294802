package com.example.imoc.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import com.example.imoc.database.EmbeddedDatabaseCheck;

/**
 * Demo data is on by default on the embedded database; {@code imoc.demo} (IMOC_DEMO) can
 * turn it off there. It is never on against an external database, by any combination of
 * settings: {@code imoc.demo=true} with {@code spring.datasource.url} set, or with the
 * embedded pool pointed elsewhere, is refused with a warning (the app still starts,
 * without demo data). "External" is decided by asking the server the app actually
 * connects to ({@link EmbeddedDatabaseCheck}), not by reading the settings. The seeder
 * then also requires an empty roster.
 */
@Component
public class DemoMode {

	private static final Logger log = LoggerFactory.getLogger(DemoMode.class);

	private final boolean on;

	DemoMode(Environment environment, EmbeddedDatabaseCheck database) {
		this.on = decide(environment.getProperty("imoc.demo", Boolean.class),
				StringUtils.hasText(environment.getProperty("spring.datasource.url")), database.appUsesEmbedded());
	}

	/**
	 * On only when asked for (or not asked about) and the app's connections reach the
	 * embedded database it started, with no external URL configured.
	 */
	static boolean decide(Boolean requested, boolean externalUrl, boolean appUsesEmbedded) {
		boolean wanted = requested == null || requested;
		boolean embedded = !externalUrl && appUsesEmbedded;
		if (wanted && !embedded && Boolean.TRUE.equals(requested)) {
			log.warn("imoc.demo (IMOC_DEMO) is true, but the app runs on an external database: demo data is never "
					+ "seeded there, so demo mode stays off.");
		}
		return wanted && embedded;
	}

	public boolean isOn() {
		return this.on;
	}

}
