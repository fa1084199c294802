package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import com.example.imoc.incident.availability.IncidentMetrics;
import com.example.imoc.incident.availability.MonthFigures;

/**
 * A month against the goal: the figures computed from its incidents, the published figure
 * when the month is history, its incident metrics, and the incidents that consumed the
 * error budget.
 *
 * @param platform the published figure when there is one, else the computed one (a
 * fraction)
 * @param errorBudgetLeftMinutes the budget left after the platform's impacted minutes
 * (published or computed)
 */
public record MonthReport(YearMonth month, MonthFigures figures, BigDecimal publishedPercent, double platform,
		double errorBudgetLeftMinutes, IncidentMetrics metrics, List<Consumer> consumers) {

	public boolean published() {
		return this.publishedPercent != null;
	}

	/**
	 * An incident that hit the month, and the platform minutes it cost on its own
	 * (overlaps not removed).
	 */
	public record Consumer(IncidentView incident, double platformMinutes) {
	}

}
