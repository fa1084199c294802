package com.example.imoc.audit;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

	List<AuditEntry> findAllByOrderByAtDescIdDesc(Pageable page);

	List<AuditEntry> findBySubjectTypeAndSubjectIdOrderByAtDescIdDesc(String subjectType, Long subjectId);

}
