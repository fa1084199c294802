package com.example.imoc.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail. Writes join the caller's transaction, so a change and its audit line
 * commit or roll back together.
 */
@Service
public class AuditLog {

	private final AuditEntryRepository entries;

	private final Clock clock;

	AuditLog(AuditEntryRepository entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String subjectType, Long subjectId, String details) {
		this.entries.save(new AuditEntry(this.clock.instant(), currentActor(), action, subjectType, subjectId,
				details == null ? "" : details));
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> latest(int count) {
		return this.entries.findAllByOrderByAtDescIdDesc(PageRequest.ofSize(count));
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> about(String subjectType, Long subjectId) {
		return this.entries.findBySubjectTypeAndSubjectIdOrderByAtDescIdDesc(subjectType, subjectId);
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}

}
