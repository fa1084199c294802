package com.example.imoc.incident;

import java.math.BigDecimal;

import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Services and their availability weights, for the coordinator ({@code /admin/**} is
 * coordinator-only in the security configuration). The page holds a form per service (its
 * weight, model attribute {@code service<id>}) and the "add a service" form
 * ({@code form}); a rejected one comes back as typed, the others as stored.
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
		var all = this.services.findAllByOrderByNameAsc();
		for (PlatformService service : all) {
			String row = rowName(service.getId());
			if (!model.containsAttribute(row)) {
				model.addAttribute(row, ServiceForm.of(service));
			}
		}
		model.addAttribute("services", all);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ServiceForm());
		}
		return "services/list";
	}

	@PostMapping("/{id}")
	String reweigh(@PathVariable long id, @ModelAttribute("row") ServiceForm row, BindingResult result, Model model,
			RedirectAttributes redirect) {
		PlatformService service = this.services.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		row.setName(service.getName());
		row.checkWeight(result);
		if (!result.hasErrors()) {
			try {
				BigDecimal weight = row.weight();
				this.weights.reweigh(id, weight, row.getVersion());
				redirect.addFlashAttribute("message",
						service.getName() + " now weighs " + weight.stripTrailingZeros().toPlainString() + ".");
				return "redirect:/admin/services";
			}
			catch (ObjectOptimisticLockingFailureException ex) {
				result.reject("concurrent",
						"This service was changed by someone else. Reload the page, then make your change again.");
			}
		}
		// The row's form comes back under its own name, with its problems.
		model.addAttribute(rowName(id), row);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + rowName(id), result);
		return list(model);
	}

	@PostMapping
	String add(@ModelAttribute("form") ServiceForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		form.checkName(result);
		if (!result.hasFieldErrors("name") && this.services.findByName(form.name()).isPresent()) {
			result.rejectValue("name", "taken", "There is already a service called " + form.name() + ".");
		}
		form.checkWeight(result);
		if (result.hasErrors()) {
			return list(model);
		}
		this.weights.add(form.name(), form.weight());
		redirect.addFlashAttribute("message", form.name() + " was added.");
		return "redirect:/admin/services";
	}

	/** The model attribute of a service's row form. */
	private static String rowName(long id) {
		return "service" + id;
	}

}
