package com.example.imoc.people;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.audit.AuditLog;

/**
 * Imports the roster from CSV, all or nothing: every bad row is reported by its line
 * number and, if there is one, nothing is written. Existing people (matched by email) are
 * updated, others created. Managers may be people in the same file.
 *
 * <p>
 * Columns (header row required, any order): {@value #COLUMNS}. Optional columns may be
 * left out.
 */
@Service
public class RosterImport {

	static final String COLUMNS = "name, email, job_title, grade, manager_email, time_zone, region, start_date, weekdays_only, preferred_slots, onboarding_state";

	private static final List<String> REQUIRED = List.of("name", "email", "job_title", "grade", "time_zone", "region",
			"start_date");

	public record Result(int created, int updated, List<String> errors) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

	private record Parsed(int line, String name, String email, JobTitle title, int grade, String managerEmail,
			ZoneId zone, Region region, LocalDate startDate, boolean weekdaysOnly, List<String> slots,
			OnboardingState state) {
	}

	private final PersonRepository people;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	RosterImport(PersonRepository people, AuditLog auditLog, ApplicationEventPublisher events) {
		this.people = people;
		this.auditLog = auditLog;
		this.events = events;
	}

	@Transactional
	public Result importCsv(String csv) {
		List<CsvLines.Row> rows = CsvLines.parse(csv);
		List<String> errors = new ArrayList<>();
		if (rows.isEmpty()) {
			return new Result(0, 0,
					List.of("The file is empty; the first line must name the columns: " + COLUMNS + "."));
		}
		Map<String, Integer> header = new HashMap<>();
		List<String> names = rows.get(0).fields();
		for (int i = 0; i < names.size(); i++) {
			header.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
		}
		List<String> missing = REQUIRED.stream().filter(c -> !header.containsKey(c)).toList();
		if (!missing.isEmpty()) {
			return new Result(0, 0, List
				.of("line 1: missing column(s) " + String.join(", ", missing) + "; the columns are: " + COLUMNS + "."));
		}
		Map<String, Parsed> byEmail = new LinkedHashMap<>();
		for (CsvLines.Row row : rows.subList(1, rows.size())) {
			List<String> problems = new ArrayList<>();
			Parsed parsed = parse(row, header, problems);
			if (parsed != null && byEmail.containsKey(parsed.email())) {
				problems
					.add("email " + parsed.email() + " already appears on line " + byEmail.get(parsed.email()).line());
			}
			if (problems.isEmpty()) {
				byEmail.put(parsed.email(), parsed);
			}
			else {
				errors.add("line " + row.line() + ": " + String.join("; ", problems));
			}
		}
		for (Parsed p : byEmail.values()) {
			if (p.managerEmail() != null && !byEmail.containsKey(p.managerEmail())
					&& this.people.findByEmail(p.managerEmail()).isEmpty()) {
				errors.add("line " + p.line() + ": manager " + p.managerEmail()
						+ " is neither in the file nor on the roster");
			}
			if (p.email().equals(p.managerEmail())) {
				errors.add("line " + p.line() + ": a person cannot be their own manager");
			}
		}
		if (!errors.isEmpty()) {
			errors.sort((a, b) -> Integer.compare(lineOf(a), lineOf(b)));
			return new Result(0, 0, errors);
		}
		return write(byEmail);
	}

	private Result write(Map<String, Parsed> byEmail) {
		int created = 0;
		int updated = 0;
		Map<String, Person> written = new HashMap<>();
		for (Parsed p : byEmail.values()) {
			Optional<Person> existing = this.people.findByEmail(p.email());
			Person person = existing.orElseGet(
					() -> new Person(p.name(), p.email(), p.title(), p.grade(), p.zone(), p.region(), p.startDate()));
			var before = existing.map(Roster::snapshot).orElse(null);
			person.setName(p.name());
			person.setJobTitle(p.title());
			person.setGrade(p.grade());
			person.setTimeZone(p.zone());
			person.setRegion(p.region());
			person.setStartDate(p.startDate());
			person.setWeekdaysOnly(p.weekdaysOnly());
			person.setPreferredSlots(p.slots());
			person.setOnboardingState(p.state());
			written.put(p.email(), this.people.save(person));
			if (before == null) {
				created++;
			}
			else {
				updated++;
			}
		}
		for (Parsed p : byEmail.values()) {
			Person person = written.get(p.email());
			if (p.managerEmail() != null) {
				person.setManager(written.containsKey(p.managerEmail()) ? written.get(p.managerEmail())
						: this.people.findByEmail(p.managerEmail()).orElseThrow());
			}
			this.auditLog.record("person.imported", "person", person.getId(),
					AuditDiff.describe(Roster.snapshot(person)));
			this.events.publishEvent(new PersonChanged(person.getId()));
		}
		return new Result(created, updated, List.of());
	}

	private static Parsed parse(CsvLines.Row row, Map<String, Integer> header, List<String> problems) {
		String name = cell(row, header, "name");
		String email = cell(row, header, "email").toLowerCase(Locale.ROOT);
		if (name.isEmpty()) {
			problems.add("name is empty");
		}
		else if (name.length() > 200) {
			problems.add("name is longer than 200 characters");
		}
		if (email.length() > 320) {
			problems.add("email is longer than 320 characters");
		}
		if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			problems.add("email \"" + email + "\" is not an email address");
		}
		JobTitle title = null;
		try {
			title = JobTitle.parse(cell(row, header, "job_title"));
		}
		catch (IllegalArgumentException ex) {
			problems.add(ex.getMessage());
		}
		int grade = 0;
		try {
			grade = Integer.parseInt(cell(row, header, "grade"));
			if (grade < 5 || grade > 12) {
				problems.add("grade " + grade + " is outside 5–12");
			}
		}
		catch (NumberFormatException ex) {
			problems.add("grade \"" + cell(row, header, "grade") + "\" is not a number");
		}
		String zoneText = cell(row, header, "time_zone");
		ZoneId zone = null;
		if (Roster.isZone(zoneText)) {
			zone = ZoneId.of(zoneText);
		}
		else {
			problems.add("time zone \"" + zoneText + "\" is not an IANA zone like Europe/Berlin");
		}
		Region region = null;
		try {
			region = Region.valueOf(cell(row, header, "region").toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add("region \"" + cell(row, header, "region") + "\" is not APAC, EMEA or AMER");
		}
		LocalDate start = null;
		try {
			start = LocalDate.parse(cell(row, header, "start_date"));
		}
		catch (DateTimeParseException ex) {
			problems.add("start date \"" + cell(row, header, "start_date") + "\" is not a date like 2024-03-18");
		}
		String weekdays = cell(row, header, "weekdays_only").toLowerCase(Locale.ROOT);
		if (!List.of("", "true", "false", "yes", "no").contains(weekdays)) {
			problems.add("weekdays_only \"" + weekdays + "\" is not true or false");
		}
		OnboardingState state = OnboardingState.ACTIVE;
		String stateText = cell(row, header, "onboarding_state");
		if (!stateText.isEmpty()) {
			try {
				state = OnboardingState.valueOf(stateText.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				problems
					.add("onboarding state \"" + stateText + "\" is not SHADOW, REVERSE_SHADOW, ACTIVE or OFFBOARDED");
			}
		}
		String manager = cell(row, header, "manager_email").toLowerCase(Locale.ROOT);
		List<String> slots = List.of(cell(row, header, "preferred_slots").split("[;|]"))
			.stream()
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.toList();
		slots.stream()
			.filter(slot -> !PasswordPolicy.SLOT.matcher(slot).matches())
			.findFirst()
			.ifPresent(bad -> problems.add("preferred slot \"" + bad + "\"" + PasswordPolicy.BAD_SLOT));
		if (start != null && !Roster.plausibleStart(start)) {
			problems.add("start date " + start + " is not between 1950 and " + Roster.LATEST_START_YEARS
					+ " years from now");
		}
		if (!problems.isEmpty()) {
			return null;
		}
		return new Parsed(row.line(), name, email, title, grade, manager.isEmpty() ? null : manager, zone, region,
				start, weekdays.equals("true") || weekdays.equals("yes"), slots, state);
	}

	private static String cell(CsvLines.Row row, Map<String, Integer> header, String column) {
		Integer index = header.get(column);
		return index == null || index >= row.fields().size() ? "" : row.fields().get(index).trim();
	}

	private static int lineOf(String error) {
		return Integer.parseInt(error.substring(5, error.indexOf(':')));
	}

}
