package com.example.imoc.people;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each region's public holidays come from before the coordinator says otherwise
 * ({@code imoc.holidays}).
 *
 * @param countries per region, the holiday calendar that seeds it: an ISO country code
 * known to the holiday library (Jollyday), optionally with a subdivision ({@code US-NY}).
 * Used only for regions that have no stored choice yet; after that the coordinator's
 * choice on {@code /admin/holidays} wins.
 * @param yearsAhead at start-up, the current year and this many following ones are seeded
 * from the library (each (region, year) once, so holidays the coordinator deleted stay
 * deleted)
 */
@ConfigurationProperties("imoc.holidays")
public record HolidaySettings(Map<Region, String> countries, @DefaultValue("2") int yearsAhead) {

	public HolidaySettings {
		countries = countries == null ? Map.of() : Map.copyOf(countries);
		if (yearsAhead < 0 || yearsAhead > 20) {
			throw new IllegalArgumentException("imoc.holidays.years-ahead must be between 0 and 20");
		}
	}

}
