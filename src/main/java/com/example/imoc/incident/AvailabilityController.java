package com.example.imoc.incident;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A month against the goal: the figures, the error budget and its burn, the months before
 * it, and the incidents that consumed it with their IMOC.
 */
@Controller
class AvailabilityController {

	/** How many months the history chart shows, ending with the chosen one. */
	static final int HISTORY_MONTHS = 24;

	private final Availability availability;

	private final Clock clock;

	AvailabilityController(Availability availability, Clock clock) {
		this.availability = availability;
		this.clock = clock;
	}

	@GetMapping("/availability")
	String month(@RequestParam(defaultValue = "") String month, Model model) {
		YearMonth current = YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		YearMonth chosen = Months.parse(month, current).orElse(null);
		if (chosen == null) {
			model.addAttribute("monthError", Months.FORMAT_MESSAGE);
			chosen = current;
		}
		MonthReport report = this.availability.month(chosen);
		AvailabilitySettings settings = this.availability.settings();
		model.addAttribute("report", report);
		model.addAttribute("recorded", this.availability.recorded(chosen));
		model.addAttribute("settings", settings);
		model.addAttribute("monthText", chosen.toString());
		model.addAttribute("previous", chosen.minusMonths(1).toString());
		model.addAttribute("next", chosen.isBefore(current) ? chosen.plusMonths(1).toString() : null);
		model.addAttribute("history",
				Charts.history(this.availability.history(chosen, HISTORY_MONTHS), settings.goal(), settings.sla()));
		model.addAttribute("burn",
				Charts.burn(report.figures().burn(), report.figures().errorBudgetMinutes(), chosen.lengthOfMonth()));
		return "availability/month";
	}

}
