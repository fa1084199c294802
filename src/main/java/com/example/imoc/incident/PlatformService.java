package com.example.imoc.incident;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A service of the platform and its weight in the platform's availability figure (0 keeps
 * it out).
 */
@Entity
@Table(name = "service")
public class PlatformService {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private BigDecimal weight;

	@Version
	private long version;

	protected PlatformService() {
	}

	public PlatformService(String name, BigDecimal weight) {
		this.name = name;
		this.weight = weight;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public BigDecimal getWeight() {
		return this.weight;
	}

	void setWeight(BigDecimal weight) {
		this.weight = weight;
	}

	public long getVersion() {
		return this.version;
	}

}
