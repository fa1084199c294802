package com.example.imoc.incident;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Services and their availability weights, for the coordinator ({@code /admin/**} is
 * coordinator-only in the security configuration).
 */
@Controller
@RequestMapping("/admin/services")
class ServiceAdminController {

	private final PlatformServiceRepository services;

	private final ServiceWeights weights;

	ServiceAdminController(PlatformServiceRepository services, ServiceWeights weights) {
		this.services = services;
		this.weights = weights;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("services", this.services.findAllByOrderByNameAsc());
		return "services/list";
	}

	@PostMapping("/{id}")
	String reweigh(@PathVariable long id, @RequestParam String weight, @RequestParam long version, Model model,
			RedirectAttributes redirect) {
		if (this.services.findById(id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		BigDecimal parsed = weight(weight);
		if (parsed == null) {
			model.addAttribute("typedWeight", weight);
			return refuse(model, id,
					"Enter a weight of 0 or more, like 5 (0 keeps the service out of the platform figure).");
		}
		try {
			PlatformService service = this.weights.reweigh(id, parsed, version);
			redirect.addFlashAttribute("message",
					service.getName() + " now weighs " + parsed.stripTrailingZeros().toPlainString() + ".");
			return "redirect:/admin/services";
		}
		catch (ObjectOptimisticLockingFailureException ex) {
			return refuse(model, id,
					"This service was changed by someone else. Reload the page, then make your change again.");
		}
	}

	@PostMapping
	String add(@RequestParam String name, @RequestParam String weight, Model model, RedirectAttributes redirect) {
		String trimmed = name.trim().toLowerCase(Locale.ROOT);
		BigDecimal parsed = weight(weight);
		if (!trimmed.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			model.addAttribute("addError", "Use lower-case letters, digits and dashes for the name, like ci-runners.");
			model.addAttribute("addErrorField", "name");
		}
		else if (this.services.findByName(trimmed).isPresent()) {
			model.addAttribute("addError", "There is already a service called " + trimmed + ".");
			model.addAttribute("addErrorField", "name");
		}
		else if (parsed == null) {
			model.addAttribute("addError", "Enter a weight of 0 or more, like 5.");
			model.addAttribute("addErrorField", "weight");
		}
		if (model.containsAttribute("addError")) {
			model.addAttribute("newName", name);
			model.addAttribute("newWeight", weight);
			return list(model);
		}
		this.weights.add(trimmed, parsed);
		redirect.addFlashAttribute("message", trimmed + " was added.");
		return "redirect:/admin/services";
	}

	private String refuse(Model model, long id, String message) {
		model.addAttribute("errorId", id);
		model.addAttribute("error", message);
		return list(model);
	}

	private static BigDecimal weight(String text) {
		try {
			BigDecimal value = new BigDecimal(text.trim());
			return value.signum() < 0 || value.compareTo(new BigDecimal("10000")) >= 0 || value.scale() > 3 ? null
					: value;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
