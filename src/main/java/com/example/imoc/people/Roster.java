package com.example.imoc.people;

import java.sql.Array;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.audit.AuditLog;

/**
 * Changes to the roster: every one validated, audited with what changed, and announced as
 * {@link PersonChanged}.
 */
@Service
public class Roster {

	private final PersonRepository people;

	private final AuditLog auditLog;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	private final EligibilityPolicy policy;

	private final Clock clock;

	private final JdbcClient jdbc;

	Roster(PersonRepository people, AuditLog auditLog, PasswordEncoder passwordEncoder,
			ApplicationEventPublisher events, EligibilityPolicy policy, Clock clock, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.people = people;
		this.auditLog = auditLog;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.policy = policy;
		this.clock = clock;
	}

	public Eligibility eligibilityOf(Person person) {
		return person.eligibility(this.policy, LocalDate.now(this.clock));
	}

	/**
	 * Whether the person may hold a shift of this date (the shift's local date), judged
	 * as of that day.
	 */
	public Eligibility eligibilityOn(Person person, LocalDate shiftDate) {
		return person.eligibility(this.policy, shiftDate);
	}

	/** As {@link #eligibilityOn(Person, LocalDate)}, on the read-only facts. */
	public Eligibility eligibilityOn(PersonFacts person, LocalDate shiftDate) {
		return person.eligibility(this.policy, shiftDate);
	}

	/**
	 * The planning facts of the people with these ids (those that exist), in one
	 * statement and without entities: for reading hundreds of people at once (the
	 * assigner's candidates), where loading entities cost more than the planning.
	 */
	@Transactional(readOnly = true)
	public List<PersonFacts> facts(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select id, name, job_title, grade, time_zone, region, start_date, weekdays_only, preferred_slots,
				       onboarding_state, on_fast_oncall, opted_in, manager_approved, active
				from person where id = any(?) order by id""").param(ids.toArray(Long[]::new)).query((rs, n) -> {
			Array slots = rs.getArray(9);
			return new PersonFacts(rs.getLong(1), rs.getString(2), JobTitle.valueOf(rs.getString(3)), rs.getInt(4),
					ZoneId.of(rs.getString(5)), Region.valueOf(rs.getString(6)), rs.getObject(7, LocalDate.class),
					rs.getBoolean(8), List.of((String[]) slots.getArray()), OnboardingState.valueOf(rs.getString(10)),
					rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14));
		}).list();
	}

	/** As {@link #eligibleFrom(Person)}, on the read-only facts. */
	public Optional<LocalDate> eligibleFrom(PersonFacts person) {
		return person.eligibleFrom(this.policy, LocalDate.now(this.clock));
	}

	/**
	 * The first day from today on which the person may hold shifts; see
	 * {@link Person#eligibleFrom}.
	 */
	public Optional<LocalDate> eligibleFrom(Person person) {
		return person.eligibleFrom(this.policy, LocalDate.now(this.clock));
	}

	/**
	 * Checks what bean validation cannot: a real zone, a free email, an existing manager
	 * who is not the person.
	 */
	@Transactional(readOnly = true)
	public void validate(PersonForm form, Long editingId, Errors errors) {
		if (form.getTimeZone() != null && !form.getTimeZone().isBlank() && !isZone(form.getTimeZone())) {
			errors.rejectValue("timeZone", "zone", "\"" + form.getTimeZone()
					+ "\" is not a time zone; use an IANA name like Europe/Berlin or America/New_York.");
		}
		if (form.getEmail() != null && !form.getEmail().isBlank()) {
			this.people.findByEmail(form.getEmail().trim())
				.filter(other -> !other.getId().equals(editingId))
				.ifPresent(other -> errors.rejectValue("email", "taken",
						"Someone else (" + other.getName() + ") already has this email."));
		}
		if (form.getManagerId() != null) {
			if (form.getManagerId().equals(editingId)) {
				errors.rejectValue("managerId", "self", "A person cannot be their own manager.");
			}
			else if (!this.people.existsById(form.getManagerId())) {
				errors.rejectValue("managerId", "missing", "Choose a manager from the roster.");
			}
		}
		if (form.getNewPassword() != null && !form.getNewPassword().isEmpty()
				&& !errors.hasFieldErrors("newPassword")) {
			PasswordPolicy.problem(form.getNewPassword(), form.getEmail())
				.ifPresent(problem -> errors.rejectValue("newPassword", "policy", problem));
		}
		if (form.getStartDate() != null && !plausibleStart(form.getStartDate())) {
			errors.rejectValue("startDate", "range",
					"Enter a start date between 1950 and " + LATEST_START_YEARS + " years from now.");
		}
		if (!errors.hasFieldErrors("preferredSlots")) {
			form.preferredSlotList()
				.stream()
				.filter(slot -> !PasswordPolicy.SLOT.matcher(slot).matches())
				.findFirst()
				.ifPresent(bad -> errors.rejectValue("preferredSlots", "format",
						"\"" + bad + "\"" + PasswordPolicy.BAD_SLOT));
		}
	}

	static final int LATEST_START_YEARS = 2;

	/**
	 * A start date a real person can have: not before 1950, not more than two years
	 * ahead.
	 */
	static boolean plausibleStart(java.time.LocalDate date) {
		return !date.isBefore(java.time.LocalDate.of(1950, 1, 1))
				&& !date.isAfter(java.time.LocalDate.now().plusYears(LATEST_START_YEARS));
	}

	@Transactional
	public Person create(PersonForm form) {
		Person person = new Person(form.getName().trim(), form.getEmail(), form.getJobTitle(), form.getGrade(),
				ZoneId.of(form.getTimeZone().trim()), form.getRegion(), form.getStartDate());
		apply(form, person);
		Person saved = this.people.save(person);
		this.auditLog.record("person.created", "person", saved.getId(), AuditDiff.describe(snapshot(saved)));
		this.events.publishEvent(new PersonChanged(saved.getId()));
		return saved;
	}

	@Transactional
	public Person update(long id, PersonForm form) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (person.getVersion() != form.getVersion()) {
			throw new ObjectOptimisticLockingFailureException(Person.class, id);
		}
		Map<String, String> before = snapshot(person);
		person.setName(form.getName().trim());
		person.setEmail(form.getEmail());
		person.setGrade(form.getGrade());
		person.setTimeZone(ZoneId.of(form.getTimeZone().trim()));
		apply(form, person);
		String changes = AuditDiff.diff(before, snapshot(person));
		boolean reset = form.getNewPassword() != null && !form.getNewPassword().isEmpty();
		if (reset) {
			changes = changes.isEmpty() ? "password reset" : changes + "; password reset";
		}
		// A reset password or a deactivation ends every session signed in before it, on
		// every node; a role change
		// applies to open sessions at their next request without ending them
		// (web.RosterSessions).
		if (reset || ("true".equals(before.get("active")) && !person.isActive())) {
			person.endSessions();
			changes = changes + "; signed out everywhere";
		}
		if (!changes.isEmpty()) {
			this.auditLog.record("person.updated", "person", id, changes);
			this.events.publishEvent(new PersonChanged(id));
		}
		return person;
	}

	@Transactional
	public void deactivate(long id) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (!person.isActive()) {
			return;
		}
		person.setActive(false);
		person.endSessions();
		this.auditLog.record("person.deactivated", "person", id,
				AuditDiff.change("active", true, false) + "; signed out everywhere");
		this.events.publishEvent(new PersonChanged(id));
	}

	/**
	 * The person's own settings: only their zone; the password has its own method that
	 * checks the current one.
	 */
	@Transactional
	public void changeTimeZone(long id, ZoneId zone) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (!person.getTimeZone().equals(zone.getId())) {
			this.auditLog.record("person.updated", "person", id,
					AuditDiff.change("timeZone", person.getTimeZone(), zone.getId()));
			person.setTimeZone(zone);
		}
	}

	/**
	 * Sets a new password if the current one is right, and ends the person's other
	 * sessions (the caller renews its own). The caller has checked the new one against
	 * {@link PasswordPolicy}; it is checked again here.
	 */
	@Transactional
	public boolean changePassword(long id, String currentPassword, String newPassword) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (person.getPasswordHash() == null
				|| !this.passwordEncoder.matches(currentPassword, person.getPasswordHash())) {
			return false;
		}
		PasswordPolicy.problem(newPassword, person.getEmail()).ifPresent(problem -> {
			throw new IllegalArgumentException(problem);
		});
		person.setPasswordHash(this.passwordEncoder.encode(newPassword));
		person.endSessions();
		this.auditLog.record("person.password-changed", "person", id, "by themselves; other sessions signed out");
		return true;
	}

	/**
	 * Ends every session of the person on every node at its next request (the
	 * coordinator's button).
	 */
	@Transactional
	public void signOutEverywhere(long id) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		person.endSessions();
		this.auditLog.record("person.signed-out", "person", id, "signed out everywhere by a coordinator");
	}

	static boolean isZone(String text) {
		try {
			ZoneId.of(text.trim());
			return text.contains("/") || text.trim().equals("UTC");
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private void apply(PersonForm form, Person person) {
		person.setManager(form.getManagerId() == null ? null : this.people.getReferenceById(form.getManagerId()));
		person.setPreferredSlots(form.preferredSlotList());
		person.copySettingsFrom(form);
		if (form.getNewPassword() != null && !form.getNewPassword().isEmpty()) {
			person.setPasswordHash(this.passwordEncoder.encode(form.getNewPassword()));
		}
	}

	static Map<String, String> snapshot(Person p) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("name", p.getName());
		fields.put("email", p.getEmail());
		fields.put("jobTitle", p.getJobTitle().label());
		fields.put("grade", String.valueOf(p.getGrade()));
		fields.put("manager", p.getManager() == null ? "" : String.valueOf(p.getManager().getId()));
		fields.put("timeZone", p.getTimeZone());
		fields.put("region", p.getRegion().name());
		fields.put("startDate", String.valueOf(p.getStartDate()));
		fields.put("weekdaysOnly", String.valueOf(p.isWeekdaysOnly()));
		fields.put("preferredSlots", String.join(",", p.getPreferredSlots()));
		fields.put("onboarding", p.getOnboardingState().name());
		fields.put("onFastOncall", String.valueOf(p.isOnFastOncall()));
		fields.put("optedIn", String.valueOf(p.isOptedIn()));
		fields.put("managerApproved", String.valueOf(p.isManagerApproved()));
		fields.put("active", String.valueOf(p.isActive()));
		fields.put("role", p.getRole().name());
		return fields;
	}

}
