package com.example.imoc.people;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Public holidays per region, for the coordinator ({@code /admin/**} is
 * coordinator-only): which country's holidays each region takes, and the holidays of a
 * year, to add or remove.
 */
@Controller
@RequestMapping("/admin/holidays")
class HolidayAdminController {

	/**
	 * Years the page and the form accept, around today: enough for history and for
	 * planning ahead.
	 */
	private static final int YEARS_BACK = 5;

	private static final int YEARS_AHEAD = 10;

	private final PublicHolidays holidays;

	private final Clock clock;

	HolidayAdminController(PublicHolidays holidays, Clock clock) {
		this.holidays = holidays;
		this.clock = clock;
	}

	@GetMapping
	String list(@RequestParam(required = false) String year, Model model) {
		int thisYear = LocalDate.now(this.clock).getYear();
		int shown = parseYear(year).filter(this::plausible).orElse(thisYear);
		if (!model.containsAttribute("form")) {
			HolidayForm form = new HolidayForm();
			form.setRegion(Region.EMEA.name());
			model.addAttribute("form", form);
		}
		Map<Region, List<PublicHolidays.PublicHoliday>> byRegion = new EnumMap<>(Region.class);
		for (Region region : Region.values()) {
			byRegion.put(region, new ArrayList<>());
		}
		this.holidays.between(LocalDate.of(shown, 1, 1), LocalDate.of(shown, 12, 31))
			.forEach(h -> byRegion.get(h.region()).add(h));
		model.addAttribute("year", shown);
		model.addAttribute("previousYear", plausible(shown - 1) ? shown - 1 : null);
		model.addAttribute("nextYear", plausible(shown + 1) ? shown + 1 : null);
		model.addAttribute("byRegion", byRegion);
		List<PublicHolidays.RegionCalendar> calendars = this.holidays.regions();
		for (PublicHolidays.RegionCalendar calendar : calendars) {
			if (!model.containsAttribute(countryFormName(calendar.region()))) {
				model.addAttribute(countryFormName(calendar.region()), CountryForm.of(calendar.country()));
			}
		}
		model.addAttribute("calendars", calendars);
		model.addAttribute("regions", Arrays.stream(Region.values()).map(Region::name).toList());
		return "holidays/list";
	}

	@PostMapping
	String add(@ModelAttribute("form") HolidayForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Region region = region(form.getRegion());
		if (region == null) {
			result.rejectValue("region", "region", "Choose APAC, EMEA or AMER.");
		}
		LocalDate day = null;
		if (form.getDay().isBlank()) {
			result.rejectValue("day", "required", "Enter the day of the holiday.");
		}
		else {
			day = TypedDay.parse(form.getDay());
			if (day == null) {
				result.rejectValue("day", "format", "Enter a date like 2027-05-01.");
			}
			else if (!plausible(day.getYear())) {
				result.rejectValue("day", "range", "Enter a day between " + (thisYear() - YEARS_BACK) + " and "
						+ (thisYear() + YEARS_AHEAD) + ".");
			}
		}
		String name = form.getName().strip();
		if (name.isEmpty()) {
			result.rejectValue("name", "required", "Enter the holiday's name.");
		}
		else if (name.length() > 120) {
			result.rejectValue("name", "long", "Keep the name to 120 characters.");
		}
		else if (name.chars().anyMatch(Character::isISOControl)) {
			result.rejectValue("name", "control", "Use letters, digits and punctuation only.");
		}
		if (region != null && day != null && !result.hasFieldErrors("day")) {
			this.holidays.on(region, day)
				.ifPresent(existing -> result.rejectValue("day", "taken",
						region + " already has a holiday on " + existing.day() + ": " + existing.name() + "."));
		}
		if (!result.hasErrors()) {
			try {
				this.holidays.add(region, day, name);
				redirect.addFlashAttribute("message", name + " on " + day + " is now a holiday in " + region + ".");
				return "redirect:/admin/holidays?year=" + day.getYear();
			}
			catch (DuplicateKeyException ex) {
				result.rejectValue("day", "taken", region + " already has a holiday on " + day + ".");
			}
		}
		return list(day == null ? null : String.valueOf(day.getYear()), model);
	}

	@PostMapping("/{id}/delete")
	String remove(@PathVariable long id, RedirectAttributes redirect) {
		this.holidays.remove(id)
			.ifPresentOrElse(
					h -> redirect.addFlashAttribute("message",
							h.name() + " on " + h.day() + " is no longer a holiday in " + h.region() + "."),
					() -> redirect.addFlashAttribute("message", "That holiday had already been removed."));
		return "redirect:/admin/holidays";
	}

	@PostMapping("/regions/{region}")
	String changeCountry(@PathVariable String region, @ModelAttribute("regionCountry") CountryForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		Region chosen = region(region);
		if (chosen == null) {
			throw new RegionNotFoundException(region);
		}
		String country = form.getCountry();
		String code = country.isBlank() ? "" : PublicHolidays.normalise(country);
		if (code.isEmpty() || code.length() > 20 || !PublicHolidays.isKnownCalendar(code)) {
			result.rejectValue("country", "unknown",
					"Enter a country code the holiday library knows, like GB, US, AU or DE (a subdivision like US-NY also works).");
			// The region's form comes back under its own name, with its problem.
			model.addAttribute(countryFormName(chosen), form);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + countryFormName(chosen), result);
			return list(null, model);
		}
		int added = this.holidays.changeCountry(chosen, code);
		redirect.addFlashAttribute("message",
				chosen + " now takes the public holidays of " + code + " (" + added + " holidays from today on).");
		return "redirect:/admin/holidays";
	}

	/** The model attribute of a region's country form. */
	private static String countryFormName(Region region) {
		return "country" + region.name();
	}

	private static Region region(String text) {
		try {
			return Region.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Optional<Integer> parseYear(String text) {
		return text != null && text.matches("\\d{4}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
	}

	private int thisYear() {
		return LocalDate.now(this.clock).getYear();
	}

	private boolean plausible(int year) {
		return year >= thisYear() - YEARS_BACK && year <= thisYear() + YEARS_AHEAD;
	}

}
