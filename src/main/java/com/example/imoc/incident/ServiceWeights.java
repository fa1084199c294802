package com.example.imoc.incident;

import java.math.BigDecimal;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.audit.AuditLog;

/** The coordinator's changes to services and their availability weights, each audited. */
@Service
class ServiceWeights {

	private final PlatformServiceRepository services;

	private final AuditLog auditLog;

	ServiceWeights(PlatformServiceRepository services, AuditLog auditLog) {
		this.services = services;
		this.auditLog = auditLog;
	}

	@Transactional
	PlatformService add(String name, BigDecimal weight) {
		PlatformService saved = this.services.save(new PlatformService(name, weight));
		this.auditLog.record("service.created", "service", saved.getId(),
				"name: " + name + "; weight: " + weight.toPlainString());
		return saved;
	}

	@Transactional
	PlatformService reweigh(long id, BigDecimal weight, long version) {
		PlatformService service = this.services.findById(id)
			.orElseThrow(() -> new IllegalArgumentException("no service " + id));
		if (service.getVersion() != version) {
			throw new ObjectOptimisticLockingFailureException(PlatformService.class, id);
		}
		if (service.getWeight().compareTo(weight) != 0) {
			this.auditLog.record("service.reweighed", "service", id,
					service.getName() + " "
							+ AuditDiff.change("weight", service.getWeight().stripTrailingZeros().toPlainString(),
									weight.stripTrailingZeros().toPlainString()));
			service.setWeight(weight);
		}
		return service;
	}

}
