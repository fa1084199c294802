package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.SchedulePublication.PublicationRefused;
import com.example.imoc.schedule.SchedulePublication.Published;

/**
 * The coordinator publishes a rotation's schedule up to a Monday (under {@code /admin},
 * so only coordinators reach it). The form offers the Monday after the end of next month;
 * a refused date comes back as typed with the reason.
 */
@Controller
@RequestMapping("/admin/rotations/{id}/publish")
class PublishController {

	private final Rotations rotations;

	private final Shifts shifts;

	private final SchedulePublication publication;

	private final Clock clock;

	PublishController(Rotations rotations, Shifts shifts, SchedulePublication publication, Clock clock) {
		this.rotations = rotations;
		this.shifts = shifts;
		this.publication = publication;
		this.clock = clock;
	}

	@GetMapping
	String form(@PathVariable long id, Model model) {
		Rotation rotation = rotation(id);
		Instant current = this.rotations.publishedUntil(id).orElseThrow(() -> new RotationNotFoundException(id));
		return page(rotation, current,
				SchedulePublication.suggestedUntil(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)), current)
					.toString(),
				null, model);
	}

	@PostMapping
	String publish(@PathVariable long id, @RequestParam(defaultValue = "") String until, Model model,
			RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		Instant now = this.clock.instant();
		try {
			LocalDate monday = SchedulePublication.parseUntil(until, LocalDate.ofInstant(now, ZoneOffset.UTC));
			Published published = this.publication.publish(id, monday, now);
			redirect.addFlashAttribute("message",
					published.shifts() == 0 && published.from().equals(published.until())
							? "The schedule was already published up to " + monday
									+ "; nothing changed and nobody was notified again."
							: "Published up to Monday " + monday + " 00:00 UTC: " + published.shifts() + " shifts, "
									+ published.people() + " people notified of their new shifts.");
			return "redirect:/rotations/" + id;
		}
		catch (PublicationRefused ex) {
			Instant current = this.rotations.publishedUntil(id).orElseThrow(() -> new RotationNotFoundException(id));
			return page(rotation, current, until, ex.getMessage(), model);
		}
	}

	private String page(Rotation rotation, Instant current, String typed, String error, Model model) {
		Instant now = this.clock.instant();
		model.addAttribute("rotation", rotation);
		model.addAttribute("publishedUntil", LocalDate.ofInstant(current, ZoneOffset.UTC));
		model.addAttribute("plannedUntil", this.shifts.lastDate(rotation.id()).orElse(null));
		model.addAttribute("drafts",
				this.shifts
					.ofRotation(rotation.id(), current.isAfter(now) ? current : now, now.plus(Duration.ofDays(3 * 366)))
					.stream()
					.filter(s -> !s.shadow() && s.isDraft())
					.count());
		model.addAttribute("until", typed);
		model.addAttribute("untilError", error);
		return "schedule/publish";
	}

	private Rotation rotation(long id) {
		return this.rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
	}

}
