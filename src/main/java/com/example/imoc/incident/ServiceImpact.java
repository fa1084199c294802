package com.example.imoc.incident;

import java.math.BigDecimal;

import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * A service an incident hit, and how hard: 1.0 is a full outage, less a degradation
 * counted by its fraction.
 */
@Embeddable
public class ServiceImpact {

	@ManyToOne(fetch = FetchType.EAGER)
	@JoinColumn(name = "service_id")
	private PlatformService service;

	private BigDecimal impact;

	protected ServiceImpact() {
	}

	ServiceImpact(PlatformService service, BigDecimal impact) {
		this.service = service;
		this.impact = impact;
	}

	public PlatformService getService() {
		return this.service;
	}

	public BigDecimal getImpact() {
		return this.impact;
	}

	public boolean isOutage() {
		return this.impact.compareTo(BigDecimal.ONE) == 0;
	}

}
