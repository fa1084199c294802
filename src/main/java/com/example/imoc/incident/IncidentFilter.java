package com.example.imoc.incident;

import java.time.YearMonth;

/**
 * What the incident list is narrowed to; {@code null} means "any". The month is the UTC
 * month of "declared at".
 */
public record IncidentFilter(YearMonth month, Severity severity, IncidentStatus status, String service, Long imoc) {

	public static IncidentFilter none() {
		return new IncidentFilter(null, null, null, null, null);
	}

}
