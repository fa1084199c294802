package com.example.imoc.rotation;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.rotation.Rotations.NewRotation;
import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;
import com.example.imoc.rotation.Rotations.RotationSettings;

/**
 * The coordinator creates a rotation: its rules, its slots, and its layers ("weekdays and
 * weekends", plus "weekdays-only" with precedence when asked). Blocks are counted from
 * the coming Monday.
 */
@Controller
class NewRotationController {

	private final Rotations rotations;

	private final AuditLog auditLog;

	private final Clock clock;

	NewRotationController(Rotations rotations, AuditLog auditLog, Clock clock) {
		this.rotations = rotations;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@GetMapping("/admin/rotations/new")
	String form(Model model) {
		model.addAttribute("form", NewRotationForm.suggested());
		return "rotation/new-rotation";
	}

	@PostMapping("/admin/rotations")
	@Transactional
	String create(@ModelAttribute("form") NewRotationForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		RotationSettings s = form.check(result);
		SlotsInput slotsInput = SlotsInput.parse(form.getSlots());
		if (!slotsInput.ok()) {
			result.rejectValue("slots", "invalid", slotsInput.error());
		}
		if (s != null && this.rotations.findByName(s.name()).isPresent()) {
			result.rejectValue("name", "taken", "There is already a rotation called \"" + s.name() + "\".");
		}
		if (result.hasErrors()) {
			return "rotation/new-rotation";
		}
		List<LayerSpec> layers = new ArrayList<>();
		layers.add(new LayerSpec("weekdays and weekends", EnumSet.allOf(DayOfWeek.class), 0));
		if (form.isWeekdaysOnlyLayer()) {
			layers.add(new LayerSpec("weekdays-only", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 1));
		}
		LocalDate anchor = LocalDate.now(this.clock.withZone(s.zone()))
			.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
		long id = this.rotations.create(new NewRotation(s.name(), s.zone(), s.blockDays(), anchor, s.minimumRest(),
				s.horizonWeeks(), s.freezeDays(), s.fairnessWindowDays(), slotsInput.slots(), layers));
		this.auditLog.record("rotation.created", "rotation", id, s.name() + " in " + s.zone() + ", "
				+ slotsInput.slots().size() + " slots, blocks of " + s.blockDays() + " days from " + anchor);
		redirect.addFlashAttribute("message",
				"Rotation created. Add participants, then press \"Extend now\" to plan its shifts.");
		return "redirect:/admin/rotations/" + id + "/participants";
	}

}
