package com.example.imoc.pagerduty;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotations;

/**
 * The coordinator's PagerDuty import ({@code /admin/**} is coordinator-only in the
 * security configuration): paste or fetch a schedule, see the preview, confirm. A form
 * that cannot be read comes back as typed with the reason beside the field; the API token
 * is never shown back.
 */
@Controller
@RequestMapping("/admin/pagerduty")
class PagerDutyImportController {

	private final PagerDutyImport importer;

	private final PagerDutyClient client;

	private final Rotations rotations;

	PagerDutyImportController(PagerDutyImport importer, PagerDutyClient client, Rotations rotations) {
		this.importer = importer;
		this.client = client;
		this.rotations = rotations;
	}

	/** The page's fields, as typed. */
	public static class ImportForm {

		private String schedule = "";

		private String overrides = "";

		private String name = "";

		private String scheduleId = "";

		private String token = "";

		public String getSchedule() {
			return this.schedule;
		}

		public void setSchedule(String schedule) {
			this.schedule = schedule;
		}

		public String getOverrides() {
			return this.overrides;
		}

		public void setOverrides(String overrides) {
			this.overrides = overrides;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getScheduleId() {
			return this.scheduleId;
		}

		public void setScheduleId(String scheduleId) {
			this.scheduleId = scheduleId;
		}

		public String getToken() {
			return this.token;
		}

		public void setToken(String token) {
			this.token = token;
		}

	}

	@GetMapping
	String page(Model model) {
		return page(model, new ImportForm(), null);
	}

	@PostMapping("/fetch")
	String fetch(@ModelAttribute("form") ImportForm form, BindingResult errors, Model model) {
		String id = form.getScheduleId() == null ? "" : form.getScheduleId().strip();
		String token = form.getToken() == null ? "" : form.getToken().strip();
		if (!id.matches("[A-Za-z0-9]{1,20}")) {
			errors.rejectValue("scheduleId", "format", "A PagerDuty schedule id is letters and digits, like PI7DH85.");
		}
		if (token.isEmpty() || token.length() > 200) {
			errors.rejectValue("token", "required", "Enter a PagerDuty API key (read-only is enough).");
		}
		if (errors.hasErrors()) {
			return page(model, form, null);
		}
		try {
			PagerDutyClient.Fetched fetched = this.client.fetch(id, token);
			form.setSchedule(fetched.schedule());
			form.setOverrides(fetched.overrides());
		}
		catch (ImportPlan.Unreadable ex) {
			errors.rejectValue(ex.field(), "pagerduty", ex.getMessage());
			return page(model, form, null);
		}
		return preview(form, errors, model);
	}

	@PostMapping("/preview")
	String preview(@ModelAttribute("form") ImportForm form, BindingResult errors, Model model) {
		ImportPlan plan = plan(form, errors);
		if (plan != null && (form.getName() == null || form.getName().isBlank())) {
			form.setName(plan.name());
		}
		return page(model, form, plan);
	}

	@PostMapping("/import")
	String create(@AuthenticationPrincipal SignedInPerson me, @ModelAttribute("form") ImportForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		ImportPlan plan = plan(form, errors);
		if (plan == null) {
			return page(model, form, null);
		}
		String name = form.getName() == null ? "" : form.getName().strip();
		if (name.isEmpty() || name.length() > 100) {
			errors.rejectValue("name", "required", "Give the rotation a name of at most 100 characters.");
		}
		else if (this.rotations.findByName(name).isPresent()) {
			errors.rejectValue("name", "taken", "There is already a rotation called \"" + name + "\".");
		}
		if (errors.hasErrors()) {
			return page(model, form, plan);
		}
		PagerDutyImport.Created created = this.importer.create(me, plan, name);
		redirect.addFlashAttribute("message",
				"Rotation \"" + name + "\" created from PagerDuty: " + created.joined() + " people joined, "
						+ created.covered() + " shifts covered as the overrides say."
						+ (created.refused().isEmpty() ? "" : " " + String.join(" ", created.refused())));
		return "redirect:/rotations/" + created.rotationId();
	}

	private ImportPlan plan(ImportForm form, BindingResult errors) {
		try {
			return this.importer.plan(form.getSchedule(), form.getOverrides());
		}
		catch (ImportPlan.Unreadable ex) {
			errors.rejectValue(ex.field(), "pagerduty", ex.getMessage());
			return null;
		}
	}

	private String page(Model model, ImportForm form, ImportPlan plan) {
		form.setToken("");
		model.addAttribute("form", form);
		model.addAttribute("plan", plan);
		return "pagerduty/import";
	}

}
