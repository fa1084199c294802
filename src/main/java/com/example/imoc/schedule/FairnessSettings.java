package com.example.imoc.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How load is weighed in fairness ({@code imoc.fairness.*}).
 *
 * @param specialDayWeight how much an hour counts that a volunteer took on a special
 * coverage day (a company holiday staffed by volunteers): 1.5 makes each such hour count
 * as one and a half, in the assigner's load and in the fairness figures alike. A shift
 * stores the weight when a volunteer takes it ({@code shift.fairness_weight}), so
 * changing the setting applies to volunteers from then on.
 */
@ConfigurationProperties("imoc.fairness")
public record FairnessSettings(@DefaultValue("1.5") double specialDayWeight) {

	public FairnessSettings {
		if (!(specialDayWeight >= 1 && specialDayWeight <= 10)) {
			throw new IllegalArgumentException(
					"imoc.fairness.special-day-weight must be between 1 and 10, not " + specialDayWeight + ".");
		}
	}

}
