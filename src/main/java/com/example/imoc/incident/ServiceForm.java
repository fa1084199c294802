package com.example.imoc.incident;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.validation.Errors;

/**
 * A service's name and weight as typed on {@code /admin/services} (docs/ARCHITECTURE.md,
 * "Forms"): the "add a service" form sends the name and weight, each row's form the
 * weight and the version it was read at. Kept as typed, so a rejected form comes back
 * unchanged.
 */
public class ServiceForm {

	/** Weights are below this, with at most three decimals. */
	private static final BigDecimal WEIGHT_LIMIT = new BigDecimal("10000");

	private String name = "";

	private String weight = "0";

	private long version;

	/** A row's form, as stored. */
	static ServiceForm of(PlatformService service) {
		ServiceForm form = new ServiceForm();
		form.name = service.getName();
		form.weight = service.getWeight().stripTrailingZeros().toPlainString();
		form.version = service.getVersion();
		return form;
	}

	/** The name as stored: trimmed and in lower case. */
	String name() {
		return this.name.strip().toLowerCase(Locale.ROOT);
	}

	/** Rejects a name that is not lower-case letters, digits and dashes. */
	void checkName(Errors errors) {
		if (!name().matches("[a-z0-9][a-z0-9-]{0,62}")) {
			errors.rejectValue("name", "format",
					"Use lower-case letters, digits and dashes for the name, like ci-runners.");
		}
	}

	/**
	 * Rejects a weight that is not a number from 0 up to 10,000 with three decimals at
	 * most.
	 */
	void checkWeight(Errors errors) {
		if (weight() == null) {
			errors.rejectValue("weight", "format",
					"Enter a weight of 0 or more, like 5 (0 keeps the service out of the platform figure).");
		}
	}

	/** The weight typed, or {@code null} when it is not one a service may have. */
	BigDecimal weight() {
		try {
			BigDecimal value = new BigDecimal(this.weight.strip());
			return value.signum() < 0 || value.compareTo(WEIGHT_LIMIT) >= 0 || value.scale() > 3 ? null : value;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name == null ? "" : name;
	}

	public String getWeight() {
		return this.weight;
	}

	public void setWeight(String weight) {
		this.weight = weight == null ? "" : weight;
	}

	public long getVersion() {
		return this.version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
