package com.example.imoc.rotation;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;
import com.example.imoc.rotation.Rotations.RotationSettings;

/**
 * The coordinator's rotation settings page (under {@code /admin}, so only coordinators
 * reach it): the rules, the daily slots and the layers. Removing a slot cancels its
 * future shifts through {@link RetiredSlots}, which the schedule implements.
 */
@Controller
@RequestMapping("/admin/rotations/{id}")
class RotationSettingsController {

	private final Rotations rotations;

	private final AuditLog auditLog;

	private final RetiredSlots retiredSlots;

	RotationSettingsController(Rotations rotations, AuditLog auditLog, RetiredSlots retiredSlots) {
		this.rotations = rotations;
		this.auditLog = auditLog;
		this.retiredSlots = retiredSlots;
	}

	private Rotation rotation(long id) {
		return this.rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
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
		return "rotation/settings";
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
			return "rotation/settings";
		}
		RotationSettings settings = input.settings();
		if (!this.rotations.updateSettings(id, Long.parseLong(params.getOrDefault("version", "-1")), settings)) {
			model.addAttribute("rotation", rotation);
			model.addAttribute("form", params);
			model.addAttribute("errors", Map.of("form",
					"Someone else changed this rotation while you were editing. Reload the page to see their change."));
			return "rotation/settings";
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
			return "rotation/settings";
		}
		List<Long> retired = this.rotations.replaceSlots(id, input.slots());
		int cancelled = this.retiredSlots.cancelShifts(id, retired);
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
			return "rotation/settings";
		}
		this.rotations.addLayer(id, new LayerSpec(name.trim(), EnumSet.copyOf(days), rank));
		this.auditLog.record("rotation.layer-added", "rotation", id, name.trim() + " " + days + " precedence " + rank);
		redirect.addFlashAttribute("message",
				"Layer \"" + name.trim() + "\" added; put people in it on the participants page.");
		return "redirect:/admin/rotations/" + id + "/settings";
	}

}
