package com.example.imoc.people;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.audit.AuditLog;

/**
 * The coordinator's roster pages. Access to {@code /admin/**} is limited to coordinators
 * in the security configuration.
 */
@Controller
@RequestMapping("/admin/people")
class RosterController {

	private final PersonRepository people;

	private final Roster roster;

	private final RosterImport rosterImport;

	private final AuditLog auditLog;

	private final DataSize maxImport;

	RosterController(PersonRepository people, Roster roster, RosterImport rosterImport, AuditLog auditLog,
			@Value("${spring.servlet.multipart.max-file-size:2MB}") DataSize maxImport) {
		this.maxImport = maxImport;
		this.people = people;
		this.roster = roster;
		this.rosterImport = rosterImport;
		this.auditLog = auditLog;
	}

	@ModelAttribute("jobTitles")
	JobTitle[] jobTitles() {
		return JobTitle.values();
	}

	@ModelAttribute("regions")
	Region[] regions() {
		return Region.values();
	}

	@ModelAttribute("states")
	OnboardingState[] states() {
		return OnboardingState.values();
	}

	@ModelAttribute("roles")
	Role[] roles() {
		return Role.values();
	}

	@ModelAttribute("zones")
	List<String> zones() {
		return ZoneId.getAvailableZoneIds()
			.stream()
			.filter(z -> z.contains("/") && !z.startsWith("Etc/"))
			.sorted()
			.toList();
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Region region,
			@RequestParam(required = false) OnboardingState state, Model model) {
		List<Person> found = this.people.search(q.trim(), region, state);
		model.addAttribute("rows", found.stream().map(p -> new RosterRow(p, this.roster.eligibilityOf(p))).toList());
		model.addAttribute("q", q);
		model.addAttribute("region", region);
		model.addAttribute("state", state);
		return "people/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", new PersonForm());
		model.addAttribute("managers", this.people.findByActiveTrueOrderByNameAsc());
		return "people/form";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") PersonForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		this.roster.validate(form, null, result);
		if (result.hasErrors()) {
			model.addAttribute("managers", this.people.findByActiveTrueOrderByNameAsc());
			return "people/form";
		}
		Person person = this.roster.create(form);
		redirect.addFlashAttribute("message", person.getName() + " was added to the roster.");
		return "redirect:/admin/people/" + person.getId();
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		Person person = this.people.findWithManagerById(id).orElseThrow(() -> new PersonNotFoundException(id));
		model.addAttribute("person", person);
		model.addAttribute("eligibility", this.roster.eligibilityOf(person));
		model.addAttribute("history", this.auditLog.about("person", id));
		return "people/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		model.addAttribute("form", PersonForm.of(person));
		model.addAttribute("personId", id);
		model.addAttribute("managers", this.people.findByActiveTrueOrderByNameAsc());
		return "people/form";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") PersonForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		this.roster.validate(form, id, result);
		if (!result.hasErrors()) {
			try {
				Person person = this.roster.update(id, form);
				redirect.addFlashAttribute("message", person.getName() + " was saved.");
				return "redirect:/admin/people/" + id;
			}
			catch (ObjectOptimisticLockingFailureException ex) {
				result.reject("stale",
						"Someone else changed this person while you were editing. Reload the page to see their change, then make yours again.");
			}
		}
		model.addAttribute("personId", id);
		model.addAttribute("managers", this.people.findByActiveTrueOrderByNameAsc());
		return "people/form";
	}

	@PostMapping("/{id}/deactivate")
	String deactivate(@PathVariable long id, RedirectAttributes redirect) {
		this.roster.deactivate(id);
		redirect.addFlashAttribute("message",
				"Deactivated: they keep their history but get no new shifts and cannot sign in.");
		return "redirect:/admin/people/" + id;
	}

	@PostMapping("/{id}/sign-out")
	String signOutEverywhere(@PathVariable long id, RedirectAttributes redirect) {
		this.roster.signOutEverywhere(id);
		redirect.addFlashAttribute("message",
				"Signed out everywhere: every session of this person ends at its next request, on every node.");
		return "redirect:/admin/people/" + id;
	}

	@GetMapping("/import")
	String importForm() {
		return "people/import";
	}

	@PostMapping("/import")
	String importCsv(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect,
			HttpServletResponse response) throws IOException {
		// The servlet container refuses bigger uploads before they get here (see
		// error/413.html); this covers any
		// path that skips its limit, so an oversized file is never read into memory and
		// parsed.
		if (file.getSize() > this.maxImport.toBytes()) {
			response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
			model.addAttribute("errors", List.of(tooLarge(this.maxImport)));
			return "people/import";
		}
		if (file.isEmpty()) {
			model.addAttribute("errors", List.of("Choose a CSV file to import."));
			return "people/import";
		}
		RosterImport.Result result = this.rosterImport.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8));
		if (!result.ok()) {
			model.addAttribute("errors", result.errors());
			return "people/import";
		}
		redirect.addFlashAttribute("message",
				"Imported: " + result.created() + " added, " + result.updated() + " updated.");
		return "redirect:/admin/people";
	}

	/** The one sentence shown for a CSV over the upload limit. */
	static String tooLarge(DataSize limit) {
		return "The file is larger than " + limit.toMegabytes()
				+ " MB, the most one import takes. Split it into smaller files and import them one by one.";
	}

	record RosterRow(Person person, Eligibility eligibility) {
	}

}
