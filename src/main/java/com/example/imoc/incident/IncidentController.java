package com.example.imoc.incident;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.web.layout.TemplateTimes;

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

	private final TemplateTimes times;

	IncidentController(Incidents incidents, PersonRepository people, AuditLog auditLog, Clock clock,
			TemplateTimes times) {
		this.incidents = incidents;
		this.people = people;
		this.auditLog = auditLog;
		this.clock = clock;
		this.times = times;
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
		model.addAttribute("timeline", timeline(incident));
		model.addAttribute("incidentId", id);
		model.addAttribute("people", this.people.findByActiveTrueOrderByNameAsc());
		return "incidents/show";
	}

	/**
	 * What happened, in time order and in sentences: the incident's own times, its pages
	 * and every recorded change, with names and the reader's times.
	 */
	private List<IncidentTimeline.Moment> timeline(IncidentView incident) {
		Map<String, String> actors = new HashMap<>();
		Map<Long, String> names = new HashMap<>();
		IncidentTimeline timeline = new IncidentTimeline(this.times::human,
				email -> actors.computeIfAbsent(email, e -> this.people.findByEmail(e).map(Person::getName).orElse(e)),
				id -> names.computeIfAbsent(id,
						i -> this.people.findById(i).map(Person::getName).orElse("someone no longer on the roster")));
		return timeline.of(incident,
				this.auditLog.about("incident", incident.id()).stream().map(IncidentTimeline.Change::of).toList());
	}

}
