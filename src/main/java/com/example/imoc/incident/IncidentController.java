package com.example.imoc.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.audit.AuditEntry;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.PersonRepository;

/**
 * The incident pages: the list with its filters, the form to record one, and each
 * incident's page with its timeline and the form to edit it.
 */
@Controller
@RequestMapping("/incidents")
class IncidentController {

	private static final String STALE = "This incident was changed by someone else while you were editing. Reload the page to see their change, then make yours again.";

	private final Incidents incidents;

	private final PersonRepository people;

	private final AuditLog auditLog;

	private final Clock clock;

	IncidentController(Incidents incidents, PersonRepository people, AuditLog auditLog, Clock clock) {
		this.incidents = incidents;
		this.people = people;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@ModelAttribute("severities")
	Severity[] severities() {
		return Severity.values();
	}

	@ModelAttribute("statuses")
	IncidentStatus[] statuses() {
		return IncidentStatus.values();
	}

	@ModelAttribute("rootCauses")
	RootCause[] rootCauses() {
		return RootCause.values();
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String month, @RequestParam(required = false) Severity severity,
			@RequestParam(required = false) IncidentStatus status, @RequestParam(defaultValue = "") String service,
			@RequestParam(required = false) Long imoc, Model model) {
		YearMonth chosen = Months.parse(month, null).orElse(null);
		if (chosen == null && !month.isBlank()) {
			model.addAttribute("monthError", Months.FORMAT_MESSAGE);
		}
		model.addAttribute("rows", this.incidents
			.search(new IncidentFilter(chosen, severity, status, service.isBlank() ? null : service, imoc)));
		model.addAttribute("month", month);
		model.addAttribute("severity", severity);
		model.addAttribute("status", status);
		model.addAttribute("service", service);
		model.addAttribute("imoc", imoc == null ? null : this.people.findById(imoc).orElse(null));
		model.addAttribute("services", this.incidents.services());
		return "incidents/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", IncidentForm.blank(this.incidents.services(), this.clock.instant()));
		return form(model);
	}

	@PostMapping
	String create(@ModelAttribute("form") IncidentForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		this.incidents.validate(form, result);
		if (result.hasErrors()) {
			return form(model);
		}
		Incident incident = this.incidents.create(form);
		redirect.addFlashAttribute("message", "Incident #" + incident.getId() + " was recorded.");
		return "redirect:/incidents/" + incident.getId();
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("form", this.incidents.formOf(id));
		return page(id, model);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") IncidentForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		this.incidents.get(id);
		this.incidents.validate(form, result);
		if (!result.hasErrors()) {
			try {
				this.incidents.update(id, form);
				redirect.addFlashAttribute("message", "Incident #" + id + " was saved.");
				return "redirect:/incidents/" + id;
			}
			catch (ObjectOptimisticLockingFailureException ex) {
				result.reject("stale", STALE);
			}
		}
		return page(id, model);
	}

	private String form(Model model) {
		model.addAttribute("people", this.people.findByActiveTrueOrderByNameAsc());
		return "incidents/new";
	}

	private String page(long id, Model model) {
		IncidentView incident = this.incidents.view(id);
		model.addAttribute("incident", incident);
		model.addAttribute("timeline", timeline(incident, this.auditLog.about("incident", id)));
		model.addAttribute("incidentId", id);
		model.addAttribute("people", this.people.findByActiveTrueOrderByNameAsc());
		return "incidents/show";
	}

	record Moment(Instant at, String what, String who) {
	}

	/**
	 * What happened, in time order: the incident's own times, its pages and every
	 * recorded change.
	 */
	static List<Moment> timeline(IncidentView incident, List<AuditEntry> changes) {
		List<Moment> moments = new ArrayList<>();
		if (incident.impactStartedAt() != null) {
			moments.add(new Moment(incident.impactStartedAt(), "Impact started", null));
		}
		moments.add(new Moment(incident.declaredAt(), "Declared " + incident.severity(),
				incident.imoc() == null ? null : "IMOC " + incident.imoc().name()));
		incident.pages()
			.forEach(p -> moments.add(new Moment(p.at(), "IMOC paged", p.person() == null ? null : p.person().name())));
		if (incident.mitigatedAt() != null) {
			moments.add(new Moment(incident.mitigatedAt(), "Mitigated", null));
		}
		if (incident.resolvedAt() != null) {
			moments.add(new Moment(incident.resolvedAt(), "Resolved", null));
		}
		changes.forEach(c -> moments.add(new Moment(c.getAt(), "Record " + c.getAction().replace("incident.", "")
				+ (c.getDetails().isEmpty() ? "" : ": " + c.getDetails()), c.getActor())));
		moments.sort(Comparator.comparing(Moment::at));
		return moments;
	}

}
