package com.example.imoc.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.web.layout.TemplateTimes;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentTimelineTests {

	static final Instant DECLARED = Instant.parse("2026-11-30T13:50:00Z");

	final TemplateTimes times = new TemplateTimes();

	final IncidentTimeline timeline = new IncidentTimeline(at -> this.times.human(at, ZoneId.of("Europe/London")),
			Map.of("jane.doe@example.com", "Jane Doe")::get, Map.of(4L, "John Smith", 9L, "Priya Raman")::get);

	@Test
	void theIncidentsOwnTimesAndPagesReadAsSentencesWithNames() {
		IncidentView incident = incident(Instant.parse("2026-11-30T13:40:00Z"), Instant.parse("2026-11-30T14:05:00Z"),
				null);
		assertThat(this.timeline.of(incident, List.of())).extracting(IncidentTimeline.Moment::sentence)
			.containsExactly("The impact started.", "It was declared, Severity 2, with John Smith as the IMOC.",
					"John Smith was paged as the IMOC.", "It was mitigated.");
	}

	@Test
	void aRecordedChangeReadsAsWhoDidWhatWithTimesInTheReadersZone() {
		Map<String, String> before = fields("S2", "ACTIVE", "null", "4");
		Map<String, String> after = fields("S1", "MITIGATED", "2026-11-30T14:05:00Z", "9");
		IncidentTimeline.Change edit = entry(Instant.parse("2026-11-30T14:06:00Z"), "jane.doe@example.com",
				"incident.updated", AuditDiff.diff(before, after));
		IncidentTimeline.Change created = entry(Instant.parse("2026-11-30T13:51:00Z"), "system", "incident.created",
				AuditDiff.describe(before));
		List<String> sentences = this.timeline.of(incident(null, null, null), List.of(edit, created))
			.stream()
			.map(IncidentTimeline.Moment::sentence)
			.toList();
		assertThat(sentences).containsExactly("It was declared, Severity 2, with John Smith as the IMOC.",
				"The scheduler recorded the incident.",
				"Jane Doe changed the severity from Severity 2 to Severity 1, marked it mitigated, "
						+ "set the mitigation time to Mon 30 Nov, 14:05 (Europe/London) and made Priya Raman the IMOC.");
		assertThat(String.join(" ", sentences)).doesNotContain("null", "MITIGATED", "mitigatedAt", "2026-11-30T");
	}

	@Test
	void aClearedTimeAndAnUnknownPersonStillReadAsWords() {
		IncidentTimeline.Change edit = entry(Instant.parse("2026-11-30T15:00:00Z"), "gone@example.com",
				"incident.updated",
				AuditDiff.diff(Map.of("resolvedAt", "2026-11-30T14:30:00Z", "imoc", "4", "reviewCompleted", "false"),
						Map.of("resolvedAt", "null", "imoc", "null", "reviewCompleted", "true")));
		IncidentTimeline strangers = new IncidentTimeline(at -> this.times.human(at, ZoneId.of("UTC")), email -> email,
				id -> "someone no longer on the roster");
		String sentence = strangers.of(incident(null, null, null), List.of(edit)).get(1).sentence();
		assertThat(sentence).startsWith("gone@example.com ")
			.contains("cleared the resolution time", "cleared the IMOC", "marked the review completed");
	}

	private static IncidentView incident(Instant impact, Instant mitigated, Instant resolved) {
		IncidentView.PersonRef john = new IncidentView.PersonRef(4, "John Smith", "john.smith@example.com");
		List<IncidentView.PageView> pages = impact == null ? List.of()
				: List.of(new IncidentView.PageView(DECLARED.plusSeconds(60), john));
		return new IncidentView(1, "Web down", Severity.S2, IncidentStatus.ACTIVE, false, impact, DECLARED, mitigated,
				resolved, List.of(), RootCause.values()[0], true, null, john, null, "", "", pages, null, 0);
	}

	/** The fields of an incident's audit snapshot that these tests move, in its order. */
	private static Map<String, String> fields(String severity, String status, String mitigatedAt, String imoc) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("severity", severity);
		fields.put("status", status);
		fields.put("mitigatedAt", mitigatedAt);
		fields.put("imoc", imoc);
		return fields;
	}

	private static IncidentTimeline.Change entry(Instant at, String actor, String action, String details) {
		return new IncidentTimeline.Change(at, actor, action, details);
	}

}
