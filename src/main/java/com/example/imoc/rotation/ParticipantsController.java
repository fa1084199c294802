package com.example.imoc.rotation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Roster;

/**
 * Who takes part in a rotation, and in which layer (under {@code /admin}, so only
 * coordinators reach it). Someone who leaves has their future shifts outside the freeze
 * window reassigned by the schedule, which listens for {@link ParticipationChanged}.
 */
@Controller
@RequestMapping("/admin/rotations/{id}/participants")
class ParticipantsController {

	private final Rotations rotations;

	private final PersonRepository people;

	private final Roster roster;

	private final AuditLog auditLog;

	ParticipantsController(Rotations rotations, PersonRepository people, Roster roster, AuditLog auditLog) {
		this.rotations = rotations;
		this.people = people;
		this.roster = roster;
		this.auditLog = auditLog;
	}

	private Rotation rotation(long id) {
		return this.rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
	}

	record ParticipantRow(Person person, RotationLayer layer, String eligibility, boolean eligible) {
	}

	@GetMapping
	String participants(@PathVariable long id, Model model) {
		return page(rotation(id), new ParticipantForm(), model);
	}

	private String page(Rotation rotation, ParticipantForm form, Model model) {
		List<Participant> participants = this.rotations.participants(rotation.id());
		Map<Long, Long> layerOf = participants.stream()
			.collect(Collectors.toMap(Participant::personId, Participant::layerId));
		List<Person> everyone = this.people.findByActiveTrueOrderByNameAsc();
		List<ParticipantRow> rows = everyone.stream().filter(p -> layerOf.containsKey(p.getId())).map(p -> {
			var e = this.roster.eligibilityOf(p);
			return new ParticipantRow(p, rotation.layer(layerOf.get(p.getId())).orElseThrow(), e.reason(),
					e.eligible());
		}).sorted(Comparator.comparing(r -> r.person().getName())).toList();
		model.addAttribute("rotation", rotation);
		model.addAttribute("rows", rows);
		model.addAttribute("candidates",
				everyone.stream().filter(p -> !layerOf.containsKey(p.getId()) && !p.isCoordinator()).toList());
		model.addAttribute("form", form);
		return "rotation/participants";
	}

	@PostMapping
	@Transactional
	String join(@PathVariable long id, @ModelAttribute("form") ParticipantForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		if (result.hasErrors() || form.getPersonId() == null || form.getLayerId() == null) {
			// the page offers only people and layers by id: anything else is not its
			// request
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose a person and a layer.");
		}
		long personId = form.getPersonId();
		Person person = this.people.findById(personId).orElseThrow(() -> new PersonNotFoundException(personId));
		RotationLayer layer = rotation.layer(form.getLayerId())
			.orElseThrow(() -> new RotationNotFoundException(form.getLayerId()));
		if (person.isWeekdaysOnly() && layer.coversWeekends()) {
			result.rejectValue("layerId", "weekdays", person.getName()
					+ " has a weekdays-only contract: put them in a layer without Saturday and Sunday.");
			return page(rotation, form, model);
		}
		this.rotations.join(id, personId, layer.id());
		this.auditLog.record("rotation.participant-set", "rotation", id, person.getName() + " in " + layer.name());
		redirect.addFlashAttribute("message", person.getName() + " takes part in " + layer.name() + ".");
		return "redirect:/admin/rotations/" + id + "/participants";
	}

	@PostMapping("/{personId}/remove")
	@Transactional
	String leave(@PathVariable long id, @PathVariable long personId, RedirectAttributes redirect) {
		rotation(id);
		Person person = this.people.findById(personId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		this.rotations.leave(id, personId);
		this.auditLog.record("rotation.participant-removed", "rotation", id, person.getName());
		redirect.addFlashAttribute("message", person.getName()
				+ " left the rotation; their future shifts outside the freeze window are being reassigned.");
		return "redirect:/admin/rotations/" + id + "/participants";
	}

}
