package com.example.imoc.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AuditController {

	private final AuditLog auditLog;

	AuditController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/admin/audit")
	String list(Model model) {
		model.addAttribute("entries", this.auditLog.latest(300).stream().map(AuditWords::row).toList());
		return "audit/list";
	}

}
