package com.example.imoc.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BeanPropertyBindingResult;

import com.example.imoc.incident.Availability;
import com.example.imoc.incident.IncidentForm;
import com.example.imoc.incident.IncidentStatus;
import com.example.imoc.incident.Incidents;
import com.example.imoc.incident.RootCause;
import com.example.imoc.incident.Severity;

/**
 * Demo incidents, once, after the organisation and its schedule ({@link DemoSeeder}): the
 * published monthly figures of DOMAIN.md as history, and about 25 incidents over the last
 * four months. Each goes through the same validation as the form, and its IMOC comes from
 * the schedule when a shift was running at its declaration (else it is left empty). Fixed
 * seed, so every demo looks the same relative to today.
 */
@Component
@Order(30)
class DemoIncidents implements ApplicationRunner {

	static final String SEEDED_KEY = "demo.seeded.incidents";

	private static final Logger log = LoggerFactory.getLogger(DemoIncidents.class);

	/** DOMAIN.md's published monthly figures (percent), May 2020 to April 2025. */
	private static final Map<Integer, double[]> PUBLISHED = Map.of(2020,
			new double[] { -1, -1, -1, -1, 99.58, 99.56, 99.81, 99.87, 99.95, 99.74, 99.90, 99.96 }, 2021,
			new double[] { 99.88, 99.87, 99.34, 99.98, 99.85, 99.84, 99.78, 99.86, 99.85, 99.98, 99.71, 99.96 }, 2022,
			new double[] { 99.95, 99.87, 99.91, 99.98, 99.99, 99.96, 99.95, 99.92, 99.98, 100, 99.86, 100 }, 2023,
			new double[] { 99.80, 99.98, 99.99, 99.98, 99.92, 100, 99.78, 100, 99.98, 99.89, 99.99, 99.99 }, 2024,
			new double[] { 100, 99.86, 100, 99.96, 100, 99.99, 99.99, 100, 99.85, 99.66, 100, 99.95 }, 2025,
			new double[] { 99.98, 99.99, 100, 99.97, -1, -1, -1, -1, -1, -1, -1, -1 });

	private static final List<String> TITLES = List.of("Elevated 5xx on web", "API latency above SLO",
			"Git pushes failing for some users", "Registry pulls timing out", "Database primary failover",
			"CI runners not picking up jobs", "Pages deploys stuck", "Sidekiq queue backlog",
			"Certificate expired on api", "DNS resolution errors", "Feature flag rollout broke merge requests",
			"Config change dropped web traffic", "Storage saturation on git nodes",
			"Credential stuffing against sign-in", "CDN provider outage");

	private final Incidents incidents;

	private final Availability availability;

	private final Clock clock;

	private final SeedMarks seedMarks;

	DemoIncidents(Incidents incidents, Availability availability, Clock clock, SeedMarks seedMarks) {
		this.seedMarks = seedMarks;
		this.incidents = incidents;
		this.availability = availability;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.seedMarks.pending(SEEDED_KEY)) {
			return;
		}
		int months = this.availability.importPublished(published());
		int created = seedIncidents();
		this.seedMarks.markDone(SEEDED_KEY, "incidents");
		log.info("Demo incidents seeded: {} published months, {} incidents", months, created);
	}

	static Map<YearMonth, BigDecimal> published() {
		Map<YearMonth, BigDecimal> figures = new LinkedHashMap<>();
		PUBLISHED.forEach((year, percents) -> {
			for (int month = 0; month < 12; month++) {
				if (percents[month] >= 0) {
					figures.put(YearMonth.of(year, month + 1), BigDecimal.valueOf(percents[month]));
				}
			}
		});
		return figures;
	}

	private int seedIncidents() {
		Random random = new Random(20261127L);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		List<String> services = this.incidents.services().stream().map(s -> s.getName()).toList();
		RootCause[] causes = RootCause.values();
		int created = 0;
		int count = 25;
		for (int n = 0; n < count; n++) {
			Instant declared = now.minus(Duration.ofMinutes(120L * 24 * 60 * (count - n) / count))
				.plus(Duration.ofMinutes(random.nextInt(600)));
			Severity severity = switch (random.nextInt(10)) {
				case 0 -> Severity.S1;
				case 1, 2, 3 -> Severity.S2;
				case 4, 5, 6, 7 -> Severity.S3;
				default -> Severity.S4;
			};
			boolean last = n == count - 1;
			if (last) {
				declared = now.minus(Duration.ofMinutes(25));
			}
			Instant impact = declared.minus(Duration.ofMinutes(random.nextInt(12)));
			int toMitigate = severity.paging() ? 8 + random.nextInt(35) : 15 + random.nextInt(90);
			Instant mitigated = impact.plus(Duration.ofMinutes(toMitigate));
			Instant resolved = mitigated.plus(Duration.ofMinutes(20 + random.nextInt(300)));
			boolean open = last || n == count - 2;
			IncidentForm form = IncidentForm.blank(this.incidents.services(), declared);
			form.setTitle(TITLES.get(random.nextInt(TITLES.size())));
			form.setSeverity(severity);
			form.setImpactStartedAt(impact.toString());
			form.setDeclaredAt(declared.toString());
			if (last) {
				form.setStatus(IncidentStatus.ACTIVE);
			}
			else if (open || resolved.isAfter(now)) {
				form.setStatus(IncidentStatus.MITIGATED);
				form.setMitigatedAt(mitigated.isAfter(now) ? now.toString() : mitigated.toString());
			}
			else {
				form.setStatus(IncidentStatus.RESOLVED);
				form.setMitigatedAt(mitigated.toString());
				form.setResolvedAt(resolved.toString());
				form.setReviewCompleted(severity.paging() && random.nextBoolean());
			}
			List<IncidentForm.ServiceRow> rows = new ArrayList<>();
			String main = services.get(random.nextInt(services.size()));
			for (String service : services) {
				String impactText = "";
				if (service.equals(main)) {
					impactText = severity == Severity.S1 ? "1"
							: List.of("1", "0.5", "0.25", "0.1").get(random.nextInt(4));
				}
				else if (severity.paging() && random.nextInt(6) == 0) {
					impactText = "0.2";
				}
				rows.add(new IncidentForm.ServiceRow(service, impactText));
			}
			form.setServices(rows);
			form.setRootCause(causes[random.nextInt(causes.length)]);
			form.setDetectedInternally(random.nextInt(7) != 0);
			form.setEocName(
					List.of("Sam Reliability", "Alex Ops", "Jordan Infra", "Riley Oncall").get(random.nextInt(4)));
			form.setLinks("https://issues.example.com/production/" + (4100 + n));
			form.setSummary("Demo incident: " + form.getTitle().toLowerCase() + ".");
			form.setCorrectiveActions(open ? "" : "Add an alert on the symptom; add a runbook entry.");
			if (severity.paging() && this.incidents.imocAt(declared).isPresent()) {
				form.setPages(declared.plus(Duration.ofMinutes(2)).toString());
			}
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "incident");
			this.incidents.validate(form, errors);
			if (errors.hasErrors()) {
				log.warn("Skipped a demo incident: {}", errors.getAllErrors());
				continue;
			}
			this.incidents.create(form);
			created++;
		}
		return created;
	}

}
