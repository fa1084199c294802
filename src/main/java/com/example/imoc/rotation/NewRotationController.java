package com.example.imoc.rotation;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", "");
		form.put("timeZone", "UTC");
		form.put("blockDays", "4");
		form.put("restHours", "8");
		form.put("horizonWeeks", "6");
		form.put("freezeDays", "1");
		form.put("fairnessWindowDays", "90");
		form.put("slots", "23:00-05:00\n05:00-11:00\n11:00-15:00\n15:00-19:00\n19:00-23:00");
		form.put("weekdaysOnlyLayer", "true");
		model.addAttribute("form", form);
		model.addAttribute("errors", Map.of());
		return "rotation/new-rotation";
	}

	@PostMapping("/admin/rotations")
	@Transactional
	String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		SettingsInput settingsInput = SettingsInput.parse(params);
		SlotsInput slotsInput = SlotsInput.parse(params.get("slots"));
		Map<String, String> errors = new LinkedHashMap<>(settingsInput.errors());
		if (!slotsInput.ok()) {
			errors.put("slots", slotsInput.error());
		}
		if (errors.isEmpty() && this.rotations.findByName(settingsInput.settings().name()).isPresent()) {
			errors.put("name", "There is already a rotation called \"" + settingsInput.settings().name() + "\".");
		}
		if (!errors.isEmpty()) {
			model.addAttribute("form", params);
			model.addAttribute("errors", errors);
			return "rotation/new-rotation";
		}
		RotationSettings s = settingsInput.settings();
		List<LayerSpec> layers = new ArrayList<>();
		layers.add(new LayerSpec("weekdays and weekends", EnumSet.allOf(DayOfWeek.class), 0));
		if ("true".equals(params.get("weekdaysOnlyLayer"))) {
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
