package com.example.imoc.schedule;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.web.api.ApiError;
import com.example.imoc.web.api.BadApiRequest;

/**
 * A rotation's schedule health ({@link ScheduleHealth}): the page
 * {@code /rotations/{id}/health} and the JSON {@code GET /api/v1/rotations/{id}/health},
 * for the coordinator and the rotation's members.
 */
final class HealthController {

	private HealthController() {
	}

	private static Rotation rotation(Rotations rotations, long id) {
		return rotations.find(id).orElseThrow(() -> new RotationNotFoundException(id));
	}

	@Controller
	static class Page {

		private final Rotations rotations;

		private final ScheduleHealth health;

		private final Clock clock;

		Page(Rotations rotations, ScheduleHealth health, Clock clock) {
			this.rotations = rotations;
			this.health = health;
			this.clock = clock;
		}

		@GetMapping("/rotations/{id}/health")
		String health(@PathVariable long id, @RequestParam(required = false) String from,
				@RequestParam(required = false) String to, @AuthenticationPrincipal SignedInPerson me, Model model,
				HttpServletResponse response) {
			Rotation rotation = rotation(this.rotations, id);
			this.health.checkReader(id, me);
			HealthPeriod period = HealthPeriod.parse(from, to, LocalDate.now(this.clock.withZone(rotation.zone())));
			model.addAttribute("rotation", rotation);
			model.addAttribute("from", from == null ? period.from() : from);
			model.addAttribute("to", to == null ? period.to() : to);
			model.addAttribute("errors", period.errors());
			if (!period.ok()) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				return "schedule/health";
			}
			model.addAttribute("report", this.health.report(rotation, period.from(), period.to()));
			return "schedule/health";
		}

	}

	@RestController
	static class Api {

		private final Rotations rotations;

		private final ScheduleHealth health;

		private final Clock clock;

		Api(Rotations rotations, ScheduleHealth health, Clock clock) {
			this.rotations = rotations;
			this.health = health;
			this.clock = clock;
		}

		@GetMapping("/api/v1/rotations/{id}/health")
		ScheduleHealth.Report health(@PathVariable long id, @RequestParam(required = false) String from,
				@RequestParam(required = false) String to, @AuthenticationPrincipal SignedInPerson me) {
			Rotation rotation = rotation(this.rotations, id);
			this.health.checkReader(id, me);
			HealthPeriod period = HealthPeriod.parse(from, to, LocalDate.now(this.clock.withZone(rotation.zone())));
			if (!period.ok()) {
				throw new BadApiRequest("The period is not valid.", period.errors());
			}
			return this.health.report(rotation, period.from(), period.to());
		}

		@ExceptionHandler(RotationNotFoundException.class)
		@ResponseBody
		ResponseEntity<ApiError> notFound(RotationNotFoundException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(ex.getMessage() + "."));
		}

	}

}
