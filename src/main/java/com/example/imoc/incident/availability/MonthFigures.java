package com.example.imoc.incident.availability;

import java.time.YearMonth;
import java.util.List;

/**
 * A month's availability as computed from its incidents.
 *
 * @param platformImpactedMinutes the weighted mean of the services' impacted minutes:
 * what the error budget pays
 * @param burn remaining error budget at the end of each day of the month; days after
 * "now" are left out
 */
public record MonthFigures(YearMonth month, long minutesInMonth, List<ServiceFigure> services, double platform,
		double platformImpactedMinutes, double errorBudgetMinutes, double errorBudgetLeftMinutes, List<Double> burn) {

	public record ServiceFigure(String name, double weight, double impactedMinutes, double availability) {
	}

}
