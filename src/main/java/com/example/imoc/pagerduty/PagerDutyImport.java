package com.example.imoc.pagerduty;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.rotation.Rotations.NewRotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.CoordinatorCovers;

/**
 * Reads a PagerDuty schedule into an {@link ImportPlan} for the preview, and on confirm
 * creates the rotation, joins the matched people, plans its shifts and records each
 * future override as a cover through the swap service (each cover on its own: one the
 * rules refuse is reported, the rest stand).
 */
@Service
class PagerDutyImport {

	/** Far beyond a real schedule's JSON; bounds what a paste can make the app parse. */
	static final int MAX_JSON_CHARS = 1_000_000;

	private final Rotations rotations;

	private final ScheduleMaintenance maintenance;

	private final Shifts shifts;

	private final CoordinatorCovers covers;

	private final PersonRepository people;

	private final AuditLog auditLog;

	private final PagerDutySettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	PagerDutyImport(Rotations rotations, ScheduleMaintenance maintenance, Shifts shifts, CoordinatorCovers covers,
			PersonRepository people, AuditLog auditLog, PagerDutySettings settings,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.rotations = rotations;
		this.maintenance = maintenance;
		this.shifts = shifts;
		this.covers = covers;
		this.people = people;
		this.auditLog = auditLog;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * What was created: the rotation, and each override that could not become a cover.
	 */
	record Created(long rotationId, int joined, int covered, List<String> refused) {
	}

	ImportPlan plan(String scheduleJson, String overridesJson) {
		JsonNode schedule = parse(scheduleJson, "schedule");
		if (schedule == null) {
			throw new ImportPlan.Unreadable("schedule", "Paste the schedule's JSON.");
		}
		JsonNode overrides = parse(overridesJson, "overrides");
		return this.transactions.execute(status -> ImportPlan.of(schedule, overrides, this.clock.instant(),
				email -> this.people.findByEmail(email).map(p -> new ImportPlan.Rostered(p.getId(), p.isActive()))));
	}

	private JsonNode parse(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > MAX_JSON_CHARS) {
			throw new ImportPlan.Unreadable(field, "This is longer than any schedule's JSON (at most "
					+ MAX_JSON_CHARS / 1000 + " thousand characters).");
		}
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new ImportPlan.Unreadable(field, "This is not valid JSON (line " + ex.getLocation().getLineNr()
					+ ", column " + ex.getLocation().getColumnNr() + ").");
		}
	}

	/** Creates what the plan says; the name may differ from PagerDuty's. */
	Created create(SignedInPerson coordinator, ImportPlan plan, String name) {
		long rotationId = this.transactions.execute(status -> {
			long id = this.rotations.create(new NewRotation(name, plan.zone(), plan.blockDays(), plan.anchor(),
					this.settings.minimumRest(), this.settings.horizonWeeks(), this.settings.freezeDays(),
					this.settings.fairnessWindowDays(), plan.slots(), plan.layers()));
			Rotation rotation = this.rotations.find(id).orElseThrow();
			int joined = 0;
			for (ImportPlan.PersonMatch person : plan.people()) {
				if (person.matched()) {
					this.rotations.join(id, person.personId(), rotation.layer(person.layer()).orElseThrow().id());
					joined++;
				}
			}
			this.auditLog.record("rotation.created", "rotation", id,
					name + " imported from the PagerDuty schedule \"" + plan.name() + "\" in " + plan.zone() + ", "
							+ plan.slots().size() + " slots, blocks of " + plan.blockDays() + " days from "
							+ plan.anchor() + ", " + joined + " people joined");
			return id;
		});
		this.maintenance.maintain(rotationId);
		List<String> refused = new ArrayList<>();
		int covered = 0;
		for (ImportPlan.OverrideCover cover : plan.overrides()) {
			if (cover.personId() == null) {
				continue;
			}
			List<ShiftView> held = this.shifts.ofRotation(rotationId, cover.start(), cover.end())
				.stream()
				.filter(s -> !s.shadow())
				.toList();
			if (held.isEmpty()) {
				refused.add("The override for " + cover.name() + " from " + cover.start() + " to " + cover.end()
						+ " falls outside the planned shifts.");
			}
			for (ShiftView shift : held) {
				if (cover.personId().equals(shift.assigneeId())) {
					covered++;
					continue;
				}
				Instant from = cover.start().isAfter(shift.start()) ? cover.start() : null;
				Instant to = cover.end().isBefore(shift.end()) ? cover.end() : null;
				if (from != null || to != null) {
					from = from == null ? shift.start() : from;
					to = to == null ? shift.end() : to;
				}
				Optional<String> problem = shift.isGap()
						? Optional.of("It is a coverage gap; fill it from the gap page.")
						: this.covers.coverNow(coordinator, shift.id(), cover.personId(), from, to,
								"PagerDuty override for " + cover.name());
				if (problem.isPresent()) {
					refused.add("The override for " + cover.name() + " on the shift " + shift.slot() + " of "
							+ shift.date() + " was not applied: " + problem.get());
				}
				else {
					covered++;
				}
			}
		}
		int joined = (int) plan.people().stream().filter(ImportPlan.PersonMatch::matched).count();
		return new Created(rotationId, joined, covered, List.copyOf(refused));
	}

}
