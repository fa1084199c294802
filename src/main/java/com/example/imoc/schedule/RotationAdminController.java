package com.example.imoc.schedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.quartz.SchedulerException;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Roster;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;
import com.example.imoc.rotation.Rotations.RotationSettings;

/**
 * The coordinator's rotation pages (under {@code /admin}, so only coordinators reach
 * them): extend now, fairness and coverage gaps, settings, participants.
 */
@Controller
@RequestMapping("/admin/rotations/{id}")
class RotationAdminController {

	private final Rotations rotations;

	private final Shifts shifts;

	private final PersonRepository people;

	private final Roster roster;

	private final ScheduleJobs.ScheduleTriggers triggers;

	private final AuditLog auditLog;

	private final ScheduleMaintenance maintenance;

	private final Clock clock;

	private final PublicHolidays holidays;

	private final FairnessSettings fairnessSettings;

	RotationAdminController(Rotations rotations, Shifts shifts, PersonRepository people, Roster roster,
			ScheduleJobs.ScheduleTriggers triggers, AuditLog auditLog, ScheduleMaintenance maintenance, Clock clock,
			PublicHolidays holidays, FairnessSettings fairnessSettings) {
		this.holidays = holidays;
		this.fairnessSettings = fairnessSettings;
		this.maintenance = maintenance;
		this.rotations = rotations;
		this.shifts = shifts;
		this.people = people;
		this.roster = roster;
		this.triggers = triggers;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	private Rotation rotation(long id) {
		return this.rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
	}

	@PostMapping("/extend")
	String extendNow(@PathVariable long id, RedirectAttributes redirect) throws SchedulerException {
		rotation(id);
		this.triggers.extendNow();
		redirect.addFlashAttribute("message",
				"The schedule is being repaired and extended to its horizon; refresh in a few seconds to see the result.");
		return "redirect:/rotations/" + id;
	}

	@GetMapping("/fairness")
	String fairness(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
		Rotation rotation = rotation(id);
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, rotation.zone());
		LocalDate start = from == null ? today.minusDays(rotation.fairnessWindowDays()) : from;
		LocalDate end = to == null ? today.plusWeeks(rotation.horizonWeeks()) : to;
		if (end.isBefore(start)) {
			model.addAttribute("rangeError", "The end date must be on or after the start date.");
			end = start;
		}
		Instant periodStart = start.atStartOfDay(rotation.zone()).toInstant();
		Instant periodEnd = end.plusDays(1).atStartOfDay(rotation.zone()).toInstant();
		List<ShiftView> inPeriod = this.shifts.ofRotation(id, periodStart, periodEnd);
		model.addAttribute("rotation", rotation);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		Map<Long, WorkCalendar> calendars = this.holidays.calendarsOf(this.people
			.findAllById(inPeriod.stream().map(ShiftView::assigneeId).filter(Objects::nonNull).distinct().toList()));
		model.addAttribute("fairness",
				Fairness.of(inPeriod, calendars::get, this.shifts.fairnessWeights(id, periodStart, periodEnd)));
		model.addAttribute("specialDayWeight", this.fairnessSettings.specialDayWeight());
		model.addAttribute("gaps",
				this.shifts.gaps(now, now.plus(Duration.ofDays(rotation.horizonWeeks() * 7L)))
					.stream()
					.filter(s -> s.rotationId() == id)
					.toList());
		return "schedule/fairness";
	}

	@GetMapping("/settings")
	String settings(@PathVariable long id, Model model) {
		Rotation rotation = rotation(id);
		model.addAttribute("rotation", rotation);
		model.addAttribute("weekdays", DayOfWeek.values());
		if (!model.containsAttribute("slotsText")) {
			model.addAttribute("slotsText", String.join("\n", rotation.slots().stream().map(s -> s.label()).toList()));
		}
		if (!model.containsAttribute("form")) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("name", rotation.name());
			form.put("timeZone", rotation.zone().getId());
			form.put("blockDays", String.valueOf(rotation.blockDays()));
			form.put("restHours", String.valueOf(rotation.minimumRest().toHours()));
			form.put("horizonWeeks", String.valueOf(rotation.horizonWeeks()));
			form.put("freezeDays", String.valueOf(rotation.freezeDays()));
			form.put("fairnessWindowDays", String.valueOf(rotation.fairnessWindowDays()));
			form.put("swapUndoHours", String.valueOf(rotation.swapUndoHours()));
			form.put("swapNeedsApproval", String.valueOf(rotation.swapNeedsApproval()));
			model.addAttribute("form", form);
		}
		return "schedule/settings";
	}

	@PostMapping("/settings")
	@Transactional
	String saveSettings(@PathVariable long id, @RequestParam Map<String, String> params, Model model,
			RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		SettingsInput input = SettingsInput.parse(params);
		if (!input.errors().isEmpty()) {
			model.addAttribute("rotation", rotation);
			model.addAttribute("form", params);
			model.addAttribute("errors", input.errors());
			return "schedule/settings";
		}
		RotationSettings settings = input.settings();
		if (!this.rotations.updateSettings(id, Long.parseLong(params.getOrDefault("version", "-1")), settings)) {
			model.addAttribute("rotation", rotation);
			model.addAttribute("form", params);
			model.addAttribute("errors", Map.of("form",
					"Someone else changed this rotation while you were editing. Reload the page to see their change."));
			return "schedule/settings";
		}
		this.auditLog.record("rotation.updated", "rotation", id,
				"name " + settings.name() + ", zone " + settings.zone() + ", blocks " + settings.blockDays()
						+ " d, rest " + settings.minimumRest().toHours() + " h, horizon " + settings.horizonWeeks()
						+ " w, freeze " + settings.freezeDays() + " d, fairness window " + settings.fairnessWindowDays()
						+ " d, swap undo " + settings.swapUndoHours() + " h, swaps need approval: "
						+ settings.swapNeedsApproval());
		redirect.addFlashAttribute("message",
				"Saved. New settings apply to shifts planned from now on; published shifts stay as they are.");
		return "redirect:/rotations/" + id;
	}

	@PostMapping("/slots")
	@Transactional
	String saveSlots(@PathVariable long id, @RequestParam(defaultValue = "") String slots, Model model,
			RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		SlotsInput input = SlotsInput.parse(slots);
		if (!input.ok()) {
			settings(id, model);
			model.addAttribute("slotsText", slots);
			model.addAttribute("slotsError", input.error());
			return "schedule/settings";
		}
		List<Long> retired = this.rotations.replaceSlots(id, input.slots());
		int cancelled = this.maintenance.cancelShiftsOfRetiredSlots(id, retired);
		this.auditLog.record("rotation.slots-changed", "rotation", id,
				rotation.slots().stream().map(s -> s.label()).toList() + " → "
						+ input.slots().stream().map(s -> s.label()).toList());
		redirect.addFlashAttribute("message",
				"Slots saved"
						+ (cancelled > 0 ? "; " + cancelled + " future shifts in removed slots were cancelled" : "")
						+ ". New slots are filled by the next extension (use \"Extend now\" to do it at once).");
		return "redirect:/admin/rotations/" + id + "/settings";
	}

	@PostMapping("/layers")
	@Transactional
	String addLayer(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) List<DayOfWeek> days, @RequestParam(defaultValue = "0") String precedence,
			Model model, RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		String error = null;
		Integer rank = null;
		try {
			rank = Integer.valueOf(precedence.trim());
		}
		catch (NumberFormatException ex) {
			error = "Precedence is a whole number; higher wins ties.";
		}
		if (name.isBlank() || name.length() > 60) {
			error = "Give the layer a name of up to 60 characters.";
		}
		else if (rotation.layer(name.trim()).isPresent()) {
			error = "This rotation already has a layer called \"" + name.trim() + "\".";
		}
		else if (days == null || days.isEmpty()) {
			error = "Tick the days this layer may cover.";
		}
		if (error != null) {
			settings(id, model);
			model.addAttribute("layerError", error);
			model.addAttribute("layerName", name);
			model.addAttribute("layerDays", days == null ? List.of() : days);
			model.addAttribute("layerPrecedence", precedence);
			return "schedule/settings";
		}
		this.rotations.addLayer(id, new LayerSpec(name.trim(), EnumSet.copyOf(days), rank));
		this.auditLog.record("rotation.layer-added", "rotation", id, name.trim() + " " + days + " precedence " + rank);
		redirect.addFlashAttribute("message",
				"Layer \"" + name.trim() + "\" added; put people in it on the participants page.");
		return "redirect:/admin/rotations/" + id + "/settings";
	}

	record ParticipantRow(Person person, RotationLayer layer, String eligibility, boolean eligible) {
	}

	@GetMapping("/participants")
	String participants(@PathVariable long id, Model model) {
		Rotation rotation = rotation(id);
		List<Participant> participants = this.rotations.participants(id);
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
		return "schedule/participants";
	}

	@PostMapping("/participants")
	@Transactional
	String join(@PathVariable long id, @RequestParam long personId, @RequestParam long layerId,
			RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		Person person = this.people.findById(personId).orElseThrow(() -> new PersonNotFoundException(personId));
		RotationLayer layer = rotation.layer(layerId).orElseThrow(() -> new RotationNotFoundException(layerId));
		if (person.isWeekdaysOnly() && layer.coversWeekends()) {
			redirect.addFlashAttribute("joinError", person.getName()
					+ " has a weekdays-only contract: put them in a layer without Saturday and Sunday.");
			return "redirect:/admin/rotations/" + id + "/participants";
		}
		this.rotations.join(id, personId, layerId);
		this.auditLog.record("rotation.participant-set", "rotation", id, person.getName() + " in " + layer.name());
		redirect.addFlashAttribute("message", person.getName() + " takes part in " + layer.name() + ".");
		return "redirect:/admin/rotations/" + id + "/participants";
	}

	@PostMapping("/participants/{personId}/remove")
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

	/** The settings form as typed, checked field by field. */
	record SettingsInput(RotationSettings settings, Map<String, String> errors) {

		static SettingsInput parse(Map<String, String> params) {
			Map<String, String> errors = new LinkedHashMap<>();
			String name = params.getOrDefault("name", "").trim();
			if (name.isEmpty() || name.length() > 100) {
				errors.put("name", "Enter a name of up to 100 characters.");
			}
			String zoneText = params.getOrDefault("timeZone", "").trim();
			ZoneId zone = null;
			try {
				zone = ZoneId.of(zoneText);
			}
			catch (RuntimeException ex) {
				errors.put("timeZone", "\"" + zoneText + "\" is not a time zone; use an IANA name like Europe/Berlin.");
			}
			int blockDays = number(params, "blockDays", 1, 28, "Block length is 1 to 28 days.", errors);
			int restHours = number(params, "restHours", 0, 168, "Minimum rest is 0 to 168 hours.", errors);
			int horizon = number(params, "horizonWeeks", 1, 104, "The horizon is 1 to 104 weeks.", errors);
			int freeze = number(params, "freezeDays", 0, 90, "The freeze window is 0 to 90 days.", errors);
			int window = number(params, "fairnessWindowDays", 7, 730, "The fairness window is 7 to 730 days.", errors);
			int undo = params.containsKey("swapUndoHours")
					? number(params, "swapUndoHours", 0, 720, "The undo period is 0 to 720 hours.", errors) : 24;
			boolean approval = "true".equals(params.get("swapNeedsApproval"));
			if (!errors.isEmpty()) {
				return new SettingsInput(null, errors);
			}
			return new SettingsInput(new RotationSettings(name, zone, blockDays, Duration.ofHours(restHours), horizon,
					freeze, window, undo, approval), errors);
		}

		private static int number(Map<String, String> params, String field, int min, int max, String message,
				Map<String, String> errors) {
			try {
				int value = Integer.parseInt(params.getOrDefault(field, "").trim());
				if (value >= min && value <= max) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			errors.put(field, message);
			return 0;
		}

	}

}
