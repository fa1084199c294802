package com.example.imoc.rotation;

import java.time.DayOfWeek;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
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
		return page(rotation, SettingsForm.of(rotation), SlotsForm.of(rotation), new LayerForm(), model);
	}

	/**
	 * The settings page with its three forms; the one that was rejected comes back as
	 * typed, the others as stored.
	 */
	private String page(Rotation rotation, SettingsForm form, SlotsForm slotsForm, LayerForm layerForm, Model model) {
		model.addAttribute("rotation", rotation);
		model.addAttribute("weekdays", DayOfWeek.values());
		model.addAttribute("form", form);
		model.addAttribute("slotsForm", slotsForm);
		model.addAttribute("layerForm", layerForm);
		return "rotation/settings";
	}

	@PostMapping("/settings")
	@Transactional
	String saveSettings(@PathVariable long id, @ModelAttribute("form") SettingsForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		RotationSettings settings = form.check(result);
		if (settings != null && !this.rotations.updateSettings(id, form.version(), settings)) {
			result.reject("stale",
					"Someone else changed this rotation while you were editing. Reload the page to see their change.");
		}
		if (result.hasErrors()) {
			return page(rotation, form, SlotsForm.of(rotation), new LayerForm(), model);
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
	String saveSlots(@PathVariable long id, @ModelAttribute("slotsForm") SlotsForm slotsForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		SlotsInput input = slotsForm.check(result);
		if (input == null) {
			return page(rotation, SettingsForm.of(rotation), slotsForm, new LayerForm(), model);
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
	String addLayer(@PathVariable long id, @ModelAttribute("layerForm") LayerForm layerForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		LayerSpec layer = layerForm.check(rotation, result);
		if (layer == null) {
			return page(rotation, SettingsForm.of(rotation), SlotsForm.of(rotation), layerForm, model);
		}
		this.rotations.addLayer(id, layer);
		this.auditLog.record("rotation.layer-added", "rotation", id,
				layer.name() + " " + layer.days() + " precedence " + layer.precedence());
		redirect.addFlashAttribute("message",
				"Layer \"" + layer.name() + "\" added; put people in it on the participants page.");
		return "redirect:/admin/rotations/" + id + "/settings";
	}

}
