package com.example.imoc.incident;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The availability goal and the incident targets (DOMAIN.md), all configurable under
 * {@code imoc.availability}.
 *
 * @param goal the internal monthly target as a fraction (0.9995 = 99.95 %)
 * @param sla the customer SLA as a fraction (0.999)
 * @param mitigationTarget how fast an incident should be mitigated (30 minutes)
 * @param mitigatedWithinTargetShare share of S1/S2 that should be mitigated within the
 * target (0.8)
 * @param detectedInternallyShare share of incidents that should be detected internally
 * (0.8)
 * @param imocRotation the rotation whose live primary shift at "declared at" names the
 * IMOC
 * @param timeInLieu multipliers of weekend and holiday hours (the holidays themselves are
 * data: {@link com.example.imoc.people.PublicHolidays})
 */
@ConfigurationProperties("imoc.availability")
public record AvailabilitySettings(@DefaultValue("0.9995") double goal, @DefaultValue("0.999") double sla,
		@DefaultValue("30m") Duration mitigationTarget, @DefaultValue("0.8") double mitigatedWithinTargetShare,
		@DefaultValue("0.8") double detectedInternallyShare, @DefaultValue("IMOC") String imocRotation,
		@DefaultValue TimeInLieuMultipliers timeInLieu) {

	public record TimeInLieuMultipliers(@DefaultValue("1.25") double notPaged, @DefaultValue("2") double paged) {
	}

}
