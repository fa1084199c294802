package com.example.imoc.incident;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.audit.AuditEntry;

/**
 * An incident's story in sentences a reader follows without knowing the record's field
 * names: "Jane Doe marked it mitigated and set the mitigation time to Mon 30 Nov, 14:05
 * (Europe/London)." The incident's own times, its pages and every recorded change (from
 * the audit log, worded by {@link AuditDiff}), in time order; times in the reader's zone
 * through the formatter the page passes.
 */
final class IncidentTimeline {

	/** One line of the timeline: when, and what happened as a sentence. */
	record Moment(Instant at, String sentence) {
	}

	/** A recorded change of the incident, as the audit log keeps it. */
	record Change(Instant at, String actor, String action, String details) {

		static Change of(AuditEntry entry) {
			return new Change(entry.getAt(), entry.getActor(), entry.getAction(), entry.getDetails());
		}

	}

	private final Function<Instant, String> time;

	private final Function<String, String> nameOfActor;

	private final Function<Long, String> nameOfPerson;

	/**
	 * @param time how the reader reads an instant
	 * @param nameOfActor the name of an audit actor (an email, or "system")
	 * @param nameOfPerson the name of a person by id
	 */
	IncidentTimeline(Function<Instant, String> time, Function<String, String> nameOfActor,
			Function<Long, String> nameOfPerson) {
		this.time = time;
		this.nameOfActor = nameOfActor;
		this.nameOfPerson = nameOfPerson;
	}

	List<Moment> of(IncidentView incident, List<Change> changes) {
		List<Moment> moments = new ArrayList<>();
		if (incident.impactStartedAt() != null) {
			moments.add(new Moment(incident.impactStartedAt(), "The impact started."));
		}
		moments.add(new Moment(incident.declaredAt(),
				"It was declared, " + incident.severity().label()
						+ (incident.imoc() == null ? ", with nobody on the IMOC schedule."
								: ", with " + incident.imoc().name() + " as the IMOC.")));
		incident.pages()
			.forEach(p -> moments.add(new Moment(p.at(),
					p.person() == null ? "The IMOC was paged." : p.person().name() + " was paged as the IMOC.")));
		if (incident.mitigatedAt() != null) {
			moments.add(new Moment(incident.mitigatedAt(), "It was mitigated."));
		}
		if (incident.resolvedAt() != null) {
			moments.add(new Moment(incident.resolvedAt(), "It was resolved."));
		}
		changes.forEach(c -> moments.add(new Moment(c.at(), sentence(c))));
		moments.sort(Comparator.comparing(Moment::at));
		return moments;
	}

	private String sentence(Change entry) {
		String who = "system".equals(entry.actor()) ? "The scheduler" : this.nameOfActor.apply(entry.actor());
		if (entry.action().endsWith(".created")) {
			return who + " recorded the incident.";
		}
		List<String> clauses = new ArrayList<>();
		for (AuditDiff.Change change : AuditDiff.changes(entry.details())) {
			clauses.add(clause(change));
		}
		if (clauses.isEmpty()) {
			return who + " edited the record.";
		}
		return who + " " + joined(clauses) + ".";
	}

	private String clause(AuditDiff.Change change) {
		String after = change.after();
		return switch (change.field()) {
			case "title" -> "renamed it \u201c" + after + "\u201d";
			case "severity" -> "changed the severity from " + severity(change.before()) + " to " + severity(after);
			case "status" -> "marked it " + IncidentStatus.valueOf(after).label().toLowerCase(Locale.ENGLISH);
			case "reviewCompleted" ->
				Boolean.parseBoolean(after) ? "marked the review completed" : "reopened the review";
			case "impactStartedAt" -> time("the impact start", after);
			case "declaredAt" -> time("the declaration time", after);
			case "mitigatedAt" -> time("the mitigation time", after);
			case "resolvedAt" -> time("the resolution time", after);
			case "services" ->
				after.isBlank() ? "cleared the affected services" : "set the affected services to " + after;
			case "rootCause" -> "set the root cause to " + after;
			case "detectedInternally" ->
				"noted it was detected " + (Boolean.parseBoolean(after) ? "internally" : "externally");
			case "eoc" -> empty(after) ? "cleared the EOC" : "made " + after + " the EOC";
			case "imoc" -> empty(after) ? "cleared the IMOC" : "made " + person(after) + " the IMOC";
			case "links" -> "edited the links";
			case "summary" -> "edited the summary";
			case "correctiveActions" -> "edited the corrective actions";
			case "pages" -> after.isBlank() ? "removed the recorded pages" : "set the pages to " + times(after);
			default -> "changed the " + words(change.field());
		};
	}

	private String time(String what, String value) {
		Instant at = instant(value);
		return at == null ? "cleared " + what : "set " + what + " to " + this.time.apply(at);
	}

	private String times(String values) {
		List<String> worded = new ArrayList<>();
		for (String value : values.split(", ")) {
			Instant at = instant(value);
			worded.add(at == null ? value : this.time.apply(at));
		}
		return joined(worded);
	}

	private String person(String id) {
		try {
			return this.nameOfPerson.apply(Long.valueOf(id));
		}
		catch (NumberFormatException ex) {
			return id;
		}
	}

	private static String severity(String name) {
		try {
			return Severity.valueOf(name).label();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return String.valueOf(name);
		}
	}

	private static Instant instant(String value) {
		if (empty(value)) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static boolean empty(String value) {
		return value == null || value.isBlank() || "null".equals(value);
	}

	/** {@code impactStartedAt} → {@code impact started at}. */
	static String words(String field) {
		return field.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ENGLISH);
	}

	/** "a", "a and b", "a, b and c". */
	static String joined(List<String> parts) {
		if (parts.size() <= 1) {
			return String.join("", parts);
		}
		return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
	}

}
