package com.example.imoc.gitlab;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The coordinator's GitLab page ({@code /admin/**} is coordinator-only in the security
 * configuration): whether the webhook is on and the URL to give GitLab, and the one-off
 * import of a date range, as a form or as JSON ({@code POST} with {@code {"project",
 * "from", "to", "token"}}). The token is never shown again.
 */
@Controller
@RequestMapping("/admin/gitlab")
class GitLabImportController {

	private final GitLabImport importer;

	private final GitLabSettings settings;

	private final String baseUrl;

	GitLabImportController(GitLabImport importer, GitLabSettings settings,
			@Value("${imoc.base-url:http://localhost:8080}") String baseUrl) {
		this.importer = importer;
		this.settings = settings;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
	}

	/** The import form as typed; dates are UTC days, both included. */
	public static class ImportForm {

		private String project = "";

		private String from = "";

		private String to = "";

		private String token = "";

		public String getProject() {
			return this.project;
		}

		public void setProject(String project) {
			this.project = project;
		}

		public String getFrom() {
			return this.from;
		}

		public void setFrom(String from) {
			this.from = from;
		}

		public String getTo() {
			return this.to;
		}

		public void setTo(String to) {
			this.to = to;
		}

		public String getToken() {
			return this.token;
		}

		public void setToken(String token) {
			this.token = token;
		}

	}

	@GetMapping("/import")
	String page(Model model) {
		ImportForm form = new ImportForm();
		form.setProject(this.settings.project() == null ? "" : this.settings.project());
		return page(model, form);
	}

	@PostMapping("/import")
	String importForm(@ModelAttribute("form") ImportForm form, BindingResult errors, Model model) {
		GitLabImport.Request request = check(form, errors);
		if (request != null) {
			try {
				model.addAttribute("report", this.importer.run(request));
			}
			catch (GitLabImport.ImportFailed ex) {
				errors.rejectValue(ex.field(), "gitlab", ex.getMessage());
			}
		}
		return page(model, form);
	}

	@PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> importJson(@RequestBody ImportForm form) {
		BindingResult errors = new BeanPropertyBindingResult(form, "form");
		GitLabImport.Request request = check(form, errors);
		if (request == null) {
			return error(HttpStatus.BAD_REQUEST, "The import was not started: correct the fields named here.", errors);
		}
		try {
			return ResponseEntity.ok(GitLabImport.json(this.importer.run(request)));
		}
		catch (GitLabImport.ImportFailed ex) {
			errors.rejectValue(ex.field(), "gitlab", ex.getMessage());
			return error(ex.upstream() ? HttpStatus.BAD_GATEWAY : HttpStatus.BAD_REQUEST, ex.getMessage(), errors);
		}
	}

	private String page(Model model, ImportForm form) {
		form.setToken("");
		model.addAttribute("form", form);
		model.addAttribute("webhookOn", this.settings.webhookOn());
		model.addAttribute("webhookUrl", this.baseUrl + GitLabWebhookController.PATH);
		model.addAttribute("gitlabUrl", this.settings.url());
		model.addAttribute("tokenConfigured", this.settings.apiToken() != null && !this.settings.apiToken().isBlank());
		return "gitlab/import";
	}

	private static GitLabImport.Request check(ImportForm form, BindingResult errors) {
		String project = form.getProject() == null ? "" : form.getProject().strip();
		if (project.isEmpty()) {
			errors.rejectValue("project", "required",
					"Enter the project's id (like 278964) or path (like gitlab-org/gitlab).");
		}
		else if (project.length() > 255 || !project.matches("[A-Za-z0-9][A-Za-z0-9_.\\-/]*")) {
			errors.rejectValue("project", "format",
					"A project is its numeric id or its path of letters, digits, '-', '_', '.' and '/'.");
		}
		LocalDate from = date(form.getFrom(), "from", errors);
		LocalDate to = date(form.getTo(), "to", errors);
		if (from != null && to != null && to.isBefore(from)) {
			errors.rejectValue("to", "order", "The last day comes on or after the first.");
		}
		if (form.getToken() != null && form.getToken().length() > 500) {
			errors.rejectValue("token", "long", "That is longer than any GitLab token.");
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new GitLabImport.Request(project, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
				to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), form.getToken());
	}

	private static LocalDate date(String text, String field, BindingResult errors) {
		if (text == null || text.isBlank()) {
			errors.rejectValue(field, "required", "Enter a day as YYYY-MM-DD.");
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(text.strip());
			if (day.getYear() < 2000 || day.getYear() > 2999) {
				errors.rejectValue(field, "range", "Incidents are recorded from the year 2000 on.");
				return null;
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			errors.rejectValue(field, "format", "Enter a day as YYYY-MM-DD, like 2026-11-01.");
			return null;
		}
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, BindingResult errors) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldError error : errors.getFieldErrors()) {
			fields.putIfAbsent(error.getField(), error.getDefaultMessage());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		body.put("fields", fields);
		return ResponseEntity.status(status).body(body);
	}

}
