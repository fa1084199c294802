package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.quartz.SchedulerException;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.Rotations;

/**
 * The coordinator's schedule pages of a rotation (under {@code /admin}, so only
 * coordinators reach them): extend now, fairness and coverage gaps. The rotation's own
 * settings and participants are the rotation module's.
 */
@Controller
@RequestMapping("/admin/rotations/{id}")
class RotationAdminController {

	private final Rotations rotations;

	private final Shifts shifts;

	private final PersonRepository people;

	private final ScheduleJobs.ScheduleTriggers triggers;

	private final Clock clock;

	private final PublicHolidays holidays;

	private final FairnessSettings fairnessSettings;

	RotationAdminController(Rotations rotations, Shifts shifts, PersonRepository people,
			ScheduleJobs.ScheduleTriggers triggers, Clock clock, PublicHolidays holidays,
			FairnessSettings fairnessSettings) {
		this.holidays = holidays;
		this.fairnessSettings = fairnessSettings;
		this.rotations = rotations;
		this.shifts = shifts;
		this.people = people;
		this.triggers = triggers;
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

}
