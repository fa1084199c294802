package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coordinator records published monthly availability figures (history, shown as such
 * and never recomputed), one month per line: {@code 2025-04 99.97}. Months already
 * recorded are kept as they are.
 */
@Controller
class PublishedHistoryController {

	private final Availability availability;

	PublishedHistoryController(Availability availability) {
		this.availability = availability;
	}

	@GetMapping("/admin/availability/history")
	String form(Model model) {
		model.addAttribute("text", "");
		return "availability/history";
	}

	@PostMapping("/admin/availability/history")
	String importFigures(@RequestParam(defaultValue = "") String text, Model model, RedirectAttributes redirect) {
		Map<YearMonth, BigDecimal> figures = new LinkedHashMap<>();
		String error = parse(text, figures);
		if (error != null) {
			model.addAttribute("text", text);
			model.addAttribute("error", error);
			return "availability/history";
		}
		int added = this.availability.importPublished(figures);
		redirect.addFlashAttribute("message",
				added + " of " + figures.size() + " months recorded (months already recorded were left as they were).");
		return "redirect:/availability";
	}

	/** Fills {@code figures}, or returns the first problem in words. */
	static String parse(String text, Map<YearMonth, BigDecimal> figures) {
		int line = 0;
		for (String raw : text.split("\\R")) {
			line++;
			String entry = raw.trim();
			if (entry.isEmpty()) {
				continue;
			}
			String[] parts = entry.split("[\\s,;]+");
			if (parts.length != 2) {
				return "Line " + line + " (\"" + entry + "\") is not a month and a percentage, like 2025-04 99.97.";
			}
			YearMonth month;
			try {
				month = YearMonth.parse(parts[0]);
			}
			catch (DateTimeParseException ex) {
				return "Line " + line + ": \"" + parts[0] + "\" is not a month like 2025-04.";
			}
			BigDecimal percent;
			try {
				percent = new BigDecimal(parts[1].replace("%", ""));
			}
			catch (NumberFormatException ex) {
				return "Line " + line + ": \"" + parts[1] + "\" is not a percentage like 99.97.";
			}
			if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
				return "Line " + line + ": a percentage is between 0 and 100.";
			}
			if (figures.put(month, percent) != null) {
				return "Line " + line + ": " + month + " is listed twice.";
			}
		}
		return figures.isEmpty() ? "Enter at least one month, like 2025-04 99.97." : null;
	}

}
