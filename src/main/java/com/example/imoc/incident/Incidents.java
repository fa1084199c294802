package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.incident.availability.AvailabilityMaths;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * Recording incidents: validation in plain words, the IMOC taken from the schedule, every
 * change audited.
 */
@Service
public class Incidents {

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final String BAD_TIME = "Enter the time as YYYY-MM-DD HH:MM in UTC, like 2026-11-03 14:05.";

	private final IncidentRepository incidents;

	private final PlatformServiceRepository services;

	private final PersonRepository people;

	private final Shifts shifts;

	private final AuditLog auditLog;

	private final AvailabilitySettings settings;

	private final Clock clock;

	private final Shadowing shadowing;

	Incidents(IncidentRepository incidents, PlatformServiceRepository services, PersonRepository people, Shifts shifts,
			AuditLog auditLog, AvailabilitySettings settings, Clock clock, Shadowing shadowing) {
		this.shadowing = shadowing;
		this.incidents = incidents;
		this.services = services;
		this.people = people;
		this.shifts = shifts;
		this.auditLog = auditLog;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<PlatformService> services() {
		return this.services.findAllByOrderByNameAsc();
	}

	/**
	 * The IMOC at an instant: the assignee of the live, non-shadow shift of the
	 * configured IMOC rotation running then. A shift covers [start, end), so at a handoff
	 * instant the incoming IM is the one chosen.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> imocAt(Instant at) {
		return Optional.ofNullable(this.shifts.primaryAt(this.settings.imocRotation(), List.of(at)).get(at))
			.map(ShiftView::assigneeId);
	}

	/**
	 * Whoever held the IMOC rotation's primary shift at each instant, as the schedule
	 * stands now (a swap or cover recorded after the incident counts); an instant during
	 * a coverage gap or off the schedule maps to nobody.
	 */
	@Transactional(readOnly = true)
	public Map<Instant, Long> imocsAt(Collection<Instant> instants) {
		Map<Instant, Long> holders = new HashMap<>();
		this.shifts.primaryAt(this.settings.imocRotation(), instants).forEach((at, shift) -> {
			if (!shift.isGap()) {
				holders.put(at, shift.assigneeId());
			}
		});
		return holders;
	}

	/** Incidents open at some moment of a shift, for its handover. */
	@Transactional(readOnly = true)
	public List<IncidentView> openDuring(Instant from, Instant to) {
		return views(this.incidents.openBetween(from, to));
	}

	@Transactional(readOnly = true)
	public Incident get(long id) {
		return this.incidents.findById(id).orElseThrow(() -> new IncidentNotFoundException(id));
	}

	@Transactional(readOnly = true)
	public IncidentForm formOf(long id) {
		return IncidentForm.of(get(id), services());
	}

	@Transactional(readOnly = true)
	public List<IncidentView> search(IncidentFilter filter) {
		Specification<Incident> spec = (root, query, cb) -> {
			List<Predicate> where = new ArrayList<>();
			if (filter.month() != null) {
				where.add(cb.greaterThanOrEqualTo(root.get("declaredAt"), AvailabilityMaths.startOf(filter.month())));
				where.add(cb.lessThan(root.get("declaredAt"), AvailabilityMaths.startOf(filter.month().plusMonths(1))));
			}
			if (filter.severity() != null) {
				where.add(cb.equal(root.get("severity"), filter.severity()));
			}
			if (filter.status() != null) {
				where.add(cb.equal(root.get("status"), filter.status()));
			}
			if (filter.imoc() != null) {
				where.add(cb.equal(root.get("imocPersonId"), filter.imoc()));
			}
			if (filter.service() != null && !filter.service().isBlank()) {
				query.distinct(true);
				where.add(cb.equal(root.join("impacts", JoinType.INNER).get("service").get("name"), filter.service()));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
		return views(this.incidents.findAll(spec, Sort.by(Sort.Direction.DESC, "declaredAt", "id")));
	}

	@Transactional(readOnly = true)
	public IncidentView view(long id) {
		return views(List.of(get(id))).get(0);
	}

	/** Views of incidents, with every person they name loaded in one query. */
	@Transactional(readOnly = true)
	public List<IncidentView> views(List<Incident> found) {
		Map<Instant, Long> paged = imocsAt(found.stream().flatMap(i -> i.pagedAt().stream()).toList());
		Set<Long> ids = new HashSet<>(paged.values());
		found.forEach(i -> ids.add(i.getImocPersonId()));
		ids.remove(null);
		Map<Long, IncidentView.PersonRef> refs = this.people.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Person::getId,
					p -> new IncidentView.PersonRef(p.getId(), p.getName(), p.getEmail())));
		return found.stream().map(i -> view(i, refs::get, paged)).toList();
	}

	private static IncidentView view(Incident i, Function<Long, IncidentView.PersonRef> person,
			Map<Instant, Long> paged) {
		Duration ttm = i.facts().timeToMitigate();
		return new IncidentView(i.getId(), i.getTitle(), i.getSeverity(), i.getStatus(), i.isReviewCompleted(),
				i.getImpactStartedAt(), i.getDeclaredAt(), i.getMitigatedAt(), i.getResolvedAt(),
				i.getImpacts()
					.stream()
					.map(s -> new IncidentView.Affected(s.getService().getName(), s.getImpact().doubleValue()))
					.toList(),
				i.getRootCause(), i.isDetectedInternally(), i.getEocName(),
				i.getImocPersonId() == null ? null : person.apply(i.getImocPersonId()), i.getLinks(), i.getSummary(),
				i.getCorrectiveActions(),
				i.pagedAt()
					.stream()
					.map(at -> new IncidentView.PageView(at,
							paged.containsKey(at) ? person.apply(paged.get(at)) : null))
					.toList(),
				ttm == null ? null : ttm.toMillis() / 60_000.0, i.getVersion());
	}

	/** Checks the form in plain words; the field names are the form's (and the API's). */
	@Transactional(readOnly = true)
	public void validate(IncidentForm form, Errors errors) {
		if (form.getTitle() == null || form.getTitle().isBlank()) {
			errors.rejectValue("title", "required", "Enter a short title, like \"Web requests failing\".");
		}
		else if (form.getTitle().length() > 200) {
			errors.rejectValue("title", "long", "Keep the title under 200 characters.");
		}
		if (form.getSeverity() == null) {
			errors.rejectValue("severity", "required", "Choose a severity: the worst impact the incident reached.");
		}
		if (form.getStatus() == null) {
			errors.rejectValue("status", "required", "Choose a status.");
		}
		if (form.getRootCause() == null) {
			errors.rejectValue("rootCause", "required", "Choose a root cause (Indeterminate if it is not known yet).");
		}
		Instant now = this.clock.instant();
		Instant impact = time(form.getImpactStartedAt(), "impactStartedAt", now, errors);
		Instant declared = time(form.getDeclaredAt(), "declaredAt", now, errors);
		Instant mitigated = time(form.getMitigatedAt(), "mitigatedAt", now, errors);
		Instant resolved = time(form.getResolvedAt(), "resolvedAt", now, errors);
		if (declared == null && (form.getDeclaredAt() == null || form.getDeclaredAt().isBlank())) {
			errors.rejectValue("declaredAt", "required", "Enter when the incident was declared.");
		}
		if (impact != null && declared != null && impact.isAfter(declared)) {
			errors.rejectValue("impactStartedAt", "order", "The impact must start at or before the declaration.");
		}
		if (mitigated != null && declared != null && mitigated.isBefore(declared)) {
			errors.rejectValue("mitigatedAt", "order", "Mitigation comes at or after the declaration.");
		}
		else if (mitigated != null && impact != null && mitigated.isBefore(impact)) {
			errors.rejectValue("mitigatedAt", "order", "Mitigation comes at or after the start of the impact.");
		}
		if (resolved != null && mitigated != null && resolved.isBefore(mitigated)) {
			errors.rejectValue("resolvedAt", "order", "Resolution comes at or after mitigation.");
		}
		else if (resolved != null && declared != null && resolved.isBefore(declared)) {
			errors.rejectValue("resolvedAt", "order", "Resolution comes at or after the declaration.");
		}
		validateStatus(form, errors);
		validateServices(form, errors);
		check(form.getEocName(), 200, "eocName", "Keep the EOC's name under 200 characters.", errors);
		check(form.getLinks(), 2000, "links", "Keep the links under 2000 characters.", errors);
		check(form.getSummary(), 20000, "summary", "Keep the summary under 20000 characters.", errors);
		check(form.getCorrectiveActions(), 20000, "correctiveActions",
				"Keep the corrective actions under 20000 characters.", errors);
		if (form.getImocPersonId() != null && !this.people.existsById(form.getImocPersonId())) {
			errors.rejectValue("imocPersonId", "missing", "Choose the IMOC from the roster.");
		}
		for (String line : form.pageLines()) {
			Instant paged;
			try {
				paged = IncidentForm.parseTime(line);
			}
			catch (DateTimeException ex) {
				errors.rejectValue("pages", "format",
						"\"" + line + "\" is not a time: write one UTC time per line, like 2026-11-03 14:05.");
				break;
			}
			// The same bounds as the incident's own times: a page is part of the
			// incident's record.
			if (paged != null && (paged.isBefore(EARLIEST) || paged.isAfter(now.plus(Duration.ofMinutes(5))))) {
				errors.rejectValue("pages", "range", "\"" + line
						+ "\" is outside the record: pages are from the year 2000 on and not in the future.");
				break;
			}
		}
	}

	private static void validateStatus(IncidentForm form, Errors errors) {
		boolean hasMitigated = !blank(form.getMitigatedAt());
		boolean hasResolved = !blank(form.getResolvedAt());
		if (form.getStatus() == IncidentStatus.ACTIVE && hasResolved) {
			errors.rejectValue("status", "status",
					"It has a resolution time: set the status to Resolved, or clear that time.");
		}
		else if (form.getStatus() == IncidentStatus.ACTIVE && hasMitigated) {
			errors.rejectValue("status", "status",
					"It has a mitigation time: set the status to Mitigated, or clear that time.");
		}
		if (form.getStatus() == IncidentStatus.MITIGATED && !hasMitigated) {
			errors.rejectValue("mitigatedAt", "required", "A mitigated incident needs the time it was mitigated.");
		}
		if (form.getStatus() == IncidentStatus.MITIGATED && hasResolved) {
			errors.rejectValue("status", "status",
					"It has a resolution time: set the status to Resolved, or clear that time.");
		}
		if (form.getStatus() == IncidentStatus.RESOLVED && !hasMitigated) {
			errors.rejectValue("mitigatedAt", "required", "A resolved incident needs the time it was mitigated.");
		}
		if (form.getStatus() == IncidentStatus.RESOLVED && !hasResolved) {
			errors.rejectValue("resolvedAt", "required", "A resolved incident needs the time it was resolved.");
		}
		if (form.isReviewCompleted() && form.getSeverity() != null && !form.getSeverity().paging()) {
			errors.rejectValue("reviewCompleted", "severity", "Reviews are done for S1 and S2 incidents only.");
		}
		else if (form.isReviewCompleted() && form.getStatus() != IncidentStatus.RESOLVED) {
			errors.rejectValue("reviewCompleted", "status", "The review is completed after the incident is resolved.");
		}
	}

	private void validateServices(IncidentForm form, Errors errors) {
		Set<String> known = services().stream().map(PlatformService::getName).collect(Collectors.toSet());
		Set<String> seen = new HashSet<>();
		List<IncidentForm.ServiceRow> rows = form.getServices() == null ? List.of() : form.getServices();
		for (int i = 0; i < rows.size(); i++) {
			IncidentForm.ServiceRow row = rows.get(i);
			String path = "services[" + i + "]";
			if (row.getName() == null || !known.contains(row.getName())) {
				errors.rejectValue(path + ".name", "unknown", "There is no service called \"" + row.getName()
						+ "\"; the services are " + String.join(", ", known.stream().sorted().toList()) + ".");
				continue;
			}
			if (!seen.add(row.getName())) {
				errors.rejectValue(path + ".name", "twice", row.getName() + " is listed twice.");
			}
			if (!blank(row.getImpact())) {
				BigDecimal fraction = fraction(row.getImpact());
				if (fraction == null || fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0
						|| fraction.scale() > 3) {
					errors.rejectValue(path + ".impact", "fraction",
							"Enter the impact as a fraction above 0 and up to 1 (1 = full outage, 0.25 = a quarter degraded).");
				}
			}
		}
	}

	@Transactional
	public Incident create(IncidentForm form) {
		Incident incident = new Incident(form.getTitle().trim(), form.getSeverity(),
				IncidentForm.parseTime(form.getDeclaredAt()));
		apply(form, incident);
		Incident saved = this.incidents.save(incident);
		this.auditLog.record("incident.created", "incident", saved.getId(), AuditDiff.describe(snapshot(saved)));
		this.incidents.flush();
		this.shadowing.incidentRecorded(saved);
		return saved;
	}

	@Transactional
	public Incident update(long id, IncidentForm form) {
		Incident incident = get(id);
		if (incident.getVersion() != form.getVersion()) {
			throw new ObjectOptimisticLockingFailureException(Incident.class, id);
		}
		Map<String, String> before = snapshot(incident);
		incident.setDeclaredAt(IncidentForm.parseTime(form.getDeclaredAt()));
		apply(form, incident);
		String changes = AuditDiff.diff(before, snapshot(incident));
		if (!changes.isEmpty()) {
			this.auditLog.record("incident.updated", "incident", id, changes);
		}
		this.incidents.flush();
		this.shadowing.incidentRecorded(incident);
		return incident;
	}

	private void apply(IncidentForm form, Incident incident) {
		incident.copyDetailsFrom(form);
		incident.setImpactStartedAt(IncidentForm.parseTime(form.getImpactStartedAt()));
		incident.setMitigatedAt(IncidentForm.parseTime(form.getMitigatedAt()));
		incident.setResolvedAt(IncidentForm.parseTime(form.getResolvedAt()));
		Long imoc = form.getImocPersonId() != null ? form.getImocPersonId()
				: imocAt(incident.getDeclaredAt()).orElse(null);
		incident.setImocPersonId(imoc);
		Map<String, PlatformService> byName = services().stream()
			.collect(Collectors.toMap(PlatformService::getName, Function.identity()));
		List<ServiceImpact> impacts = new ArrayList<>();
		for (IncidentForm.ServiceRow row : form.getServices() == null ? List.<IncidentForm.ServiceRow>of()
				: form.getServices()) {
			if (!blank(row.getImpact())) {
				impacts.add(new ServiceImpact(byName.get(row.getName()), fraction(row.getImpact())));
			}
		}
		incident.replaceImpacts(impacts);
		incident
			.replacePages(form.pageLines().stream().map(IncidentForm::parseTime).distinct().map(Page::new).toList());
	}

	static Map<String, String> snapshot(Incident i) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("title", i.getTitle());
		fields.put("severity", i.getSeverity().name());
		fields.put("status", i.getStatus().name());
		fields.put("reviewCompleted", String.valueOf(i.isReviewCompleted()));
		fields.put("impactStartedAt", String.valueOf(i.getImpactStartedAt()));
		fields.put("declaredAt", String.valueOf(i.getDeclaredAt()));
		fields.put("mitigatedAt", String.valueOf(i.getMitigatedAt()));
		fields.put("resolvedAt", String.valueOf(i.getResolvedAt()));
		fields.put("services",
				i.getImpacts()
					.stream()
					.map(s -> s.getService().getName() + " " + s.getImpact().stripTrailingZeros().toPlainString())
					.collect(Collectors.joining(", ")));
		fields.put("rootCause", i.getRootCause().label());
		fields.put("detectedInternally", String.valueOf(i.isDetectedInternally()));
		fields.put("eoc", i.getEocName());
		fields.put("imoc", String.valueOf(i.getImocPersonId()));
		fields.put("links", i.getLinks());
		fields.put("summary", i.getSummary().length() > 80 ? i.getSummary().substring(0, 80) + "…" : i.getSummary());
		fields.put("correctiveActions", i.getCorrectiveActions().length() > 80
				? i.getCorrectiveActions().substring(0, 80) + "…" : i.getCorrectiveActions());
		fields.put("pages",
				i.getPages().stream().map(p -> p.getPagedAt().toString()).collect(Collectors.joining(", ")));
		return fields;
	}

	private static Instant time(String text, String field, Instant now, Errors errors) {
		try {
			Instant at = IncidentForm.parseTime(text);
			if (at != null && at.isBefore(EARLIEST)) {
				errors.rejectValue(field, "past", "Incidents are recorded from the year 2000 on.");
				return null;
			}
			if (at != null && at.isAfter(now.plus(Duration.ofMinutes(5)))) {
				errors.rejectValue(field, "future",
						"This time is in the future; incidents are recorded as they happen.");
				return null;
			}
			return at;
		}
		catch (DateTimeException ex) {
			errors.rejectValue(field, "format", BAD_TIME);
			return null;
		}
	}

	private static BigDecimal fraction(String text) {
		try {
			return new BigDecimal(text.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static void check(String text, int max, String field, String message, Errors errors) {
		if (text != null && text.length() > max) {
			errors.rejectValue(field, "long", message);
		}
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
