package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.imoc.incident.availability.MonthFigures;

/**
 * The incident and availability API (PRODUCT.md shapes). Errors are {@code {"error": …,
 * "fields": {…}}} with a 4xx.
 */
@RestController
@RequestMapping("/api/v1")
class IncidentApiController {

	private final Incidents incidents;

	private final Availability availability;

	private final Clock clock;

	IncidentApiController(Incidents incidents, Availability availability, Clock clock) {
		this.incidents = incidents;
		this.availability = availability;
		this.clock = clock;
	}

	/**
	 * The body of {@code POST /api/v1/incidents}; texts for enums and times so a bad
	 * value is a field error.
	 */
	record NewIncident(String title, String severity, String status, Boolean reviewCompleted, String impactStartedAt,
			String declaredAt, String mitigatedAt, String resolvedAt, List<AffectedService> services, String rootCause,
			Boolean detectedInternally, String eoc, Long imocPersonId, String links, String summary,
			String correctiveActions, List<String> pages) {
	}

	record AffectedService(String name, BigDecimal impact) {
	}

	@GetMapping("/incidents")
	ResponseEntity<?> list(@RequestParam(defaultValue = "") String month,
			@RequestParam(defaultValue = "") String severity, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String service) {
		Map<String, String> fields = new LinkedHashMap<>();
		YearMonth chosen = Months.parse(month, null).orElse(null);
		if (chosen == null && !month.isBlank()) {
			fields.put("month", Months.FORMAT_MESSAGE);
		}
		Severity sev = severity.isBlank() ? null
				: parse(Severity.class, severity, "severity", fields, "Use S1, S2, S3 or S4.");
		IncidentStatus st = status.isBlank() ? null
				: parse(IncidentStatus.class, status, "status", fields, "Use ACTIVE, MITIGATED or RESOLVED.");
		if (!fields.isEmpty()) {
			return error("Some query parameters are not valid.", fields);
		}
		return ResponseEntity
			.ok(this.incidents.search(new IncidentFilter(chosen, sev, st, service.isBlank() ? null : service, null))
				.stream()
				.map(IncidentApiController::json)
				.toList());
	}

	@PostMapping("/incidents")
	ResponseEntity<?> create(@RequestBody NewIncident body) {
		IncidentForm form = new IncidentForm();
		BindingResult errors = new BeanPropertyBindingResult(form, "incident");
		Map<String, String> fields = new LinkedHashMap<>();
		form.setTitle(body.title());
		form.setSeverity(body.severity() == null ? null
				: parse(Severity.class, body.severity(), "severity", fields, "Use S1, S2, S3 or S4."));
		form.setStatus(body.status() == null ? IncidentStatus.ACTIVE
				: parse(IncidentStatus.class, body.status(), "status", fields, "Use ACTIVE, MITIGATED or RESOLVED."));
		if (body.status() == null && body.resolvedAt() != null) {
			form.setStatus(IncidentStatus.RESOLVED);
		}
		else if (body.status() == null && body.mitigatedAt() != null) {
			form.setStatus(IncidentStatus.MITIGATED);
		}
		form.setReviewCompleted(Boolean.TRUE.equals(body.reviewCompleted()));
		form.setImpactStartedAt(body.impactStartedAt());
		form.setDeclaredAt(body.declaredAt());
		form.setMitigatedAt(body.mitigatedAt());
		form.setResolvedAt(body.resolvedAt());
		form.setServices(body.services() == null ? List.of() : body.services()
			.stream()
			.map(s -> s == null ? new IncidentForm.ServiceRow("", "1")
					: new IncidentForm.ServiceRow(s.name(), s.impact() == null ? "1" : s.impact().toPlainString()))
			.toList());
		form.setRootCause(
				body.rootCause() == null ? RootCause.INDETERMINATE : RootCause.parse(body.rootCause()).orElse(null));
		if (body.rootCause() != null && form.getRootCause() == null) {
			fields.put("rootCause", "Use one of the root causes: "
					+ String.join(", ", Arrays.stream(RootCause.values()).map(RootCause::label).toList()) + ".");
		}
		form.setDetectedInternally(body.detectedInternally() == null || body.detectedInternally());
		form.setEocName(body.eoc());
		form.setImocPersonId(body.imocPersonId());
		form.setLinks(body.links());
		form.setSummary(body.summary());
		form.setCorrectiveActions(body.correctiveActions());
		form.setPages(
				body.pages() == null ? "" : String.join("\n", body.pages().stream().map(String::valueOf).toList()));
		this.incidents.validate(form, errors);
		for (FieldError error : errors.getFieldErrors()) {
			fields.putIfAbsent(error.getField(), error.getDefaultMessage());
		}
		if (!fields.isEmpty()) {
			return error("The incident was not recorded: correct the fields named here.", fields);
		}
		Incident incident = this.incidents.create(form);
		return ResponseEntity.status(HttpStatus.CREATED).body(json(this.incidents.view(incident.getId())));
	}

	@GetMapping("/availability")
	ResponseEntity<?> availability(@RequestParam(defaultValue = "") String month) {
		YearMonth current = YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		YearMonth chosen = Months.parse(month, current).orElse(null);
		if (chosen == null) {
			return error("The month is not valid.", Map.of("month", Months.FORMAT_MESSAGE));
		}
		MonthReport report = this.availability.month(chosen);
		AvailabilitySettings settings = this.availability.settings();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("month", chosen.toString());
		json.put("goal", settings.goal());
		json.put("sla", settings.sla());
		json.put("platform", report.platform());
		json.put("source", report.published() ? "PUBLISHED" : "COMPUTED");
		List<Map<String, Object>> services = new ArrayList<>();
		for (MonthFigures.ServiceFigure s : report.figures().services()) {
			Map<String, Object> service = new LinkedHashMap<>();
			service.put("name", s.name());
			service.put("weight", s.weight());
			service.put("availability", s.availability());
			service.put("impactedMinutes", s.impactedMinutes());
			services.add(service);
		}
		json.put("services", services);
		json.put("errorBudgetMinutes", report.figures().errorBudgetMinutes());
		json.put("errorBudgetLeftMinutes", report.errorBudgetLeftMinutes());
		json.put("mttrMinutes", report.metrics().mttrMinutes());
		json.put("s1s2MitigatedWithin30", report.metrics().pagingMitigatedWithinTarget());
		json.put("detectedInternally", report.metrics().detectedInternally());
		json.put("incidentsBySeverity", report.metrics().countBySeverity());
		return ResponseEntity.ok(json);
	}

	@ExceptionHandler(IncidentNotFoundException.class)
	ResponseEntity<Map<String, Object>> notFound(IncidentNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", ex.getMessage()));
	}

	static Map<String, Object> json(IncidentView i) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", i.id());
		json.put("title", i.title());
		json.put("severity", i.severity().name());
		json.put("status", i.status().name());
		json.put("reviewCompleted", i.reviewCompleted());
		json.put("impactStartedAt", text(i.impactStartedAt()));
		json.put("declaredAt", text(i.declaredAt()));
		json.put("mitigatedAt", text(i.mitigatedAt()));
		json.put("resolvedAt", text(i.resolvedAt()));
		json.put("services", i.services().stream().map(s -> Map.of("name", s.name(), "impact", s.impact())).toList());
		json.put("rootCause", i.rootCause().label());
		json.put("detectedInternally", i.detectedInternally());
		json.put("eoc", i.eoc());
		json.put("imoc", i.imoc() == null ? null : person(i.imoc()));
		json.put("links", i.links());
		json.put("summary", i.summary());
		json.put("correctiveActions", i.correctiveActions());
		json.put("pages", i.pages().stream().map(p -> {
			Map<String, Object> page = new LinkedHashMap<>();
			page.put("at", text(p.at()));
			page.put("person", p.person() == null ? null : person(p.person()));
			return page;
		}).toList());
		json.put("timeToMitigateMinutes", i.timeToMitigateMinutes());
		return json;
	}

	private static Map<String, Object> person(IncidentView.PersonRef person) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", person.id());
		json.put("name", person.name());
		json.put("email", person.email());
		return json;
	}

	private static String text(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, Map<String, String> fields,
			String message) {
		try {
			return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			fields.put(field, message);
			return null;
		}
	}

	private static ResponseEntity<Map<String, Object>> error(String message, Map<String, String> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		body.put("fields", fields);
		return ResponseEntity.badRequest().body(body);
	}

}
