package com.example.imoc.incident;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.example.imoc.web.api.CsvWriter;
import com.example.imoc.web.api.InputRanges;

/**
 * On-call hours and time in lieu per person: a page and its CSV export. The period is of
 * UTC dates, both inclusive; without one it is the current month so far.
 */
@Controller
class ReportController {

	private static final String BAD_DATE = "Use dates like 2026-11-01 (" + InputRanges.RANGE
			+ "), with from on or before to.";

	private final OnCallHours onCallHours;

	private final AvailabilitySettings settings;

	private final Clock clock;

	ReportController(OnCallHours onCallHours, AvailabilitySettings settings, Clock clock) {
		this.onCallHours = onCallHours;
		this.settings = settings;
		this.clock = clock;
	}

	record Period(LocalDate from, LocalDate to) {
	}

	@GetMapping("/reports/time-in-lieu")
	String page(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model) {
		Period period = period(from, to);
		if (period == null) {
			model.addAttribute("periodError", BAD_DATE);
			period = period("", "");
		}
		model.addAttribute("from", period.from());
		model.addAttribute("to", period.to());
		model.addAttribute("rows", this.onCallHours.report(period.from(), period.to()));
		model.addAttribute("settings", this.settings);
		return "reports/time-in-lieu";
	}

	@GetMapping("/reports/oncall-hours.csv")
	ResponseEntity<String> csv(@RequestParam(defaultValue = "") String from,
			@RequestParam(defaultValue = "") String to) {
		Period period = period(from, to);
		if (period == null) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(BAD_DATE + "\n");
		}
		CsvWriter csv = new CsvWriter("name", "email", "region", "time_zone", "shifts", "paged_shifts", "oncall_hours",
				"weekend_hours", "holiday_hours", "lieu_hours");
		for (OnCallHours.Row row : this.onCallHours.report(period.from(), period.to())) {
			csv.row(row.person().getName(), row.person().getEmail(), row.person().getRegion().name(),
					row.person().getTimeZone(), String.valueOf(row.hours().shifts()),
					String.valueOf(row.hours().pagedShifts()), hours(row.hours().onCallHours()),
					hours(row.hours().weekendHours()), hours(row.hours().holidayHours()),
					hours(row.hours().lieuHours()));
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"oncall-hours-" + period.from() + "-to-" + period.to() + ".csv\"")
			.body(csv.toString());
	}

	private Period period(String from, String to) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		try {
			LocalDate start = from.isBlank() ? today.withDayOfMonth(1) : LocalDate.parse(from.trim());
			LocalDate end = to.isBlank() ? today : LocalDate.parse(to.trim());
			return end.isBefore(start) || !InputRanges.accepts(start) || !InputRanges.accepts(end) ? null
					: new Period(start, end);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String hours(double hours) {
		return String.format(Locale.ROOT, "%.2f", hours);
	}

}
