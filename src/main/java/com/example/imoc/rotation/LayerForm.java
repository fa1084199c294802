package com.example.imoc.rotation;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.validation.Errors;
import org.springframework.web.server.ResponseStatusException;

import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;

/**
 * A new layer as typed on the settings page, bound with {@code @ModelAttribute} (see
 * "Forms" in docs/ARCHITECTURE.md).
 */
public class LayerForm {

	private String name = "";

	private List<String> days = new ArrayList<>();

	private String precedence = "0";

	/**
	 * The layer, or {@code null} with each problem rejected on its field of
	 * {@code errors}.
	 */
	LayerSpec check(Rotation rotation, Errors errors) {
		String trimmed = (this.name != null) ? this.name.trim() : "";
		if (trimmed.isEmpty() || trimmed.length() > 60) {
			errors.rejectValue("name", "invalid", "Give the layer a name of up to 60 characters.");
		}
		else if (rotation.layer(trimmed).isPresent()) {
			errors.rejectValue("name", "taken", "This rotation already has a layer called \"" + trimmed + "\".");
		}
		EnumSet<DayOfWeek> covered = EnumSet.noneOf(DayOfWeek.class);
		for (String day : (this.days != null) ? this.days : List.<String>of()) {
			try {
				covered.add(DayOfWeek.valueOf(day.trim()));
			}
			catch (RuntimeException ex) {
				// the page offers the seven days only: anything else is not its request
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Tick days of the week only.");
			}
		}
		if (covered.isEmpty()) {
			errors.rejectValue("days", "required", "Tick the days this layer may cover.");
		}
		Integer rank = null;
		try {
			rank = Integer.valueOf((this.precedence != null) ? this.precedence.trim() : "");
		}
		catch (NumberFormatException ex) {
			errors.rejectValue("precedence", "invalid", "Precedence is a whole number; higher wins ties.");
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new LayerSpec(trimmed, covered, rank);
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public List<String> getDays() {
		return this.days;
	}

	public void setDays(List<String> days) {
		this.days = days;
	}

	public String getPrecedence() {
		return this.precedence;
	}

	public void setPrecedence(String precedence) {
		this.precedence = precedence;
	}

}
