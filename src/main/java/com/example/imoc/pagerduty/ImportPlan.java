package com.example.imoc.pagerduty;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;
import com.example.imoc.rotation.Rotations.NewRotation.SlotSpec;

/**
 * What a PagerDuty schedule (as {@code GET /schedules/{id}} returns it) and its overrides
 * (as {@code GET /schedules/{id}/overrides} returns them) become here: plain Java, no
 * database. Slots come from the layers' restrictions (a layer without restrictions covers
 * whole days from its rotation's start time), the block length from the turn length,
 * layers keep their order (later layers take precedence, as in PagerDuty), people are
 * matched by email, and only overrides that have not started yet become covers.
 */
public record ImportPlan(String name, ZoneId zone, int blockDays, LocalDate anchor, List<SlotSpec> slots,
		List<LayerSpec> layers, List<PersonMatch> people, List<OverrideCover> overrides, List<String> unmatched,
		List<String> notes) {

	static final int MAX_LAYERS = 20;

	static final int MAX_USERS = 500;

	static final int MAX_OVERRIDES = 2000;

	/** A person of the schedule, and who they are here (null: nobody). */
	public record PersonMatch(String pagerDutyId, String name, String email, Long personId, String layer) {

		public boolean matched() {
			return this.personId != null;
		}

	}

	/** A future override, and who takes it here (null: nobody). */
	public record OverrideCover(Instant start, Instant end, String name, String email, Long personId) {
	}

	/** Someone on the roster, found by email. */
	record Rostered(long id, boolean active) {
	}

	/**
	 * The JSON cannot be read as a PagerDuty schedule; {@code field} is the form field.
	 */
	static final class Unreadable extends RuntimeException {

		private final String field;

		Unreadable(String field, String message) {
			super(message);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

	static ImportPlan of(JsonNode scheduleDocument, JsonNode overridesDocument, Instant now,
			Function<String, Optional<Rostered>> roster) {
		JsonNode schedule = scheduleDocument.has("schedule") ? scheduleDocument.path("schedule") : scheduleDocument;
		if (!schedule.isObject()) {
			throw new Unreadable("schedule", "Paste the JSON of GET /schedules/{id}: an object with a \"schedule\".");
		}
		String name = text(schedule, "name");
		if (name == null || name.isBlank()) {
			throw new Unreadable("schedule", "The schedule has no \"name\".");
		}
		name = name.strip().length() > 100 ? name.strip().substring(0, 100) : name.strip();
		ZoneId zone;
		try {
			zone = ZoneId.of(text(schedule, "time_zone") == null ? "" : text(schedule, "time_zone"));
		}
		catch (DateTimeException ex) {
			throw new Unreadable("schedule", "The schedule's \"time_zone\" is not an IANA zone like Europe/Berlin.");
		}
		JsonNode layerNodes = schedule.path("schedule_layers");
		if (!layerNodes.isArray() || layerNodes.isEmpty()) {
			throw new Unreadable("schedule", "The schedule has no \"schedule_layers\".");
		}
		if (layerNodes.size() > MAX_LAYERS) {
			throw new Unreadable("schedule", "A schedule of more than " + MAX_LAYERS + " layers is not taken.");
		}
		List<String> notes = new ArrayList<>();
		Map<String, String> emails = new HashMap<>();
		collectEmails(schedule.path("users"), emails);

		TreeMap<String, SlotSpec> slots = new TreeMap<>();
		List<LayerSpec> layers = new ArrayList<>();
		Map<String, PersonSeen> seen = new LinkedHashMap<>();
		Integer turnDays = null;
		LocalDate anchor = null;
		int index = 0;
		for (JsonNode layer : layerNodes) {
			String layerName = text(layer, "name");
			layerName = layerName == null || layerName.isBlank() ? "Layer " + (index + 1) : layerName.strip();
			String unique = layerName;
			for (int n = 2; names(layers).contains(unique); n++) {
				unique = layerName + " (" + n + ")";
			}
			Instant virtualStart = time(layer, "rotation_virtual_start", "schedule");
			if (virtualStart == null) {
				throw new Unreadable("schedule", "Layer \"" + layerName + "\" has no \"rotation_virtual_start\".");
			}
			LocalDate start = LocalDate.ofInstant(virtualStart, zone);
			anchor = anchor == null || start.isBefore(anchor) ? start : anchor;
			long turn = layer.path("rotation_turn_length_seconds").asLong(0);
			if (turn <= 0) {
				throw new Unreadable("schedule",
						"Layer \"" + layerName + "\" has no positive \"rotation_turn_length_seconds\".");
			}
			int days = (int) Math.max(1, Math.min(28, Math.round(turn / 86400.0)));
			if (turn % 86400 != 0 || days * 86400L != turn) {
				notes.add("Layer \"" + layerName + "\" hands over every " + Duration.ofSeconds(turn).toHours()
						+ " hours; here blocks are whole days: " + days + ".");
			}
			if (turnDays == null) {
				turnDays = days;
			}
			else if (turnDays != days) {
				notes.add("Layer \"" + layerName + "\" turns every " + days + " days; the rotation uses the first "
						+ "layer's " + turnDays + ".");
			}
			Set<DayOfWeek> layerDays = EnumSet.noneOf(DayOfWeek.class);
			JsonNode restrictions = layer.path("restrictions");
			if (!restrictions.isArray() || restrictions.isEmpty()) {
				LocalTime from = LocalTime.ofInstant(virtualStart, zone).withSecond(0).withNano(0);
				addSlot(slots, from, from);
				layerDays.addAll(EnumSet.allOf(DayOfWeek.class));
			}
			else {
				for (JsonNode restriction : restrictions) {
					readRestriction(restriction, layerName, slots, layerDays, notes);
				}
			}
			layers.add(new LayerSpec(unique, Set.copyOf(layerDays), index));
			JsonNode users = layer.path("users");
			if (users.isArray()) {
				if (users.size() > MAX_USERS) {
					throw new Unreadable("schedule", "A layer of more than " + MAX_USERS + " people is not taken.");
				}
				for (JsonNode entry : users) {
					JsonNode user = entry.has("user") ? entry.path("user") : entry;
					collectEmail(user, emails);
					String id = text(user, "id");
					if (id != null) {
						// Later layers take precedence: a person in several is joined to
						// the last.
						seen.put(id, new PersonSeen(id, summary(user), unique));
					}
				}
			}
			index++;
		}

		List<OverrideCover> covers = new ArrayList<>();
		int past = 0;
		JsonNode overrides = overridesDocument == null ? null
				: overridesDocument.has("overrides") ? overridesDocument.path("overrides") : overridesDocument;
		if (overrides != null && !overrides.isMissingNode() && !overrides.isNull()) {
			if (!overrides.isArray()) {
				throw new Unreadable("overrides",
						"Paste the JSON of GET /schedules/{id}/overrides: an object with an \"overrides\" list.");
			}
			if (overrides.size() > MAX_OVERRIDES) {
				throw new Unreadable("overrides", "More than " + MAX_OVERRIDES + " overrides are not taken.");
			}
			for (JsonNode override : overrides) {
				collectEmail(override.path("user"), emails);
			}
			for (JsonNode override : overrides) {
				Instant from = time(override, "start", "overrides");
				Instant to = time(override, "end", "overrides");
				if (from == null || to == null || !to.isAfter(from)) {
					throw new Unreadable("overrides", "Each override needs a \"start\" before its \"end\".");
				}
				if (from.isBefore(now)) {
					past++;
					continue;
				}
				JsonNode user = override.path("user");
				String email = emails.get(text(user, "id"));
				Long personId = email == null ? null
						: roster.apply(email).filter(Rostered::active).map(Rostered::id).orElse(null);
				covers.add(new OverrideCover(from, to, summary(user), email, personId));
			}
		}
		if (past > 0) {
			notes.add(past + " override(s) already started or over are left out.");
		}

		List<PersonMatch> people = new ArrayList<>();
		List<String> unmatched = new ArrayList<>();
		for (PersonSeen person : seen.values()) {
			String email = emails.get(person.id());
			Optional<Rostered> found = email == null ? Optional.empty() : roster.apply(email);
			Long personId = found.filter(Rostered::active).map(Rostered::id).orElse(null);
			people.add(new PersonMatch(person.id(), person.name(), email, personId, person.layer()));
			if (email == null) {
				unmatched.add(person.name() + " (" + person.id()
						+ "): the JSON has no email for them; fetch the schedule with a token to read it.");
			}
			else if (found.isEmpty()) {
				unmatched.add(person.name() + " <" + email + ">: nobody on the roster has this email.");
			}
			else if (personId == null) {
				unmatched.add(person.name() + " <" + email + ">: deactivated on the roster.");
			}
		}
		for (OverrideCover cover : covers) {
			if (cover.personId() == null) {
				unmatched.add("The override from " + cover.start() + " to " + cover.end() + " for " + cover.name()
						+ (cover.email() == null ? " (no email in the JSON)" : " <" + cover.email() + ">")
						+ " matches nobody on the roster and is left out.");
			}
		}
		return new ImportPlan(name, zone, turnDays, anchor, List.copyOf(slots.values()), List.copyOf(layers),
				List.copyOf(people), List.copyOf(covers), List.copyOf(unmatched), List.copyOf(notes));
	}

	private record PersonSeen(String id, String name, String layer) {
	}

	private static void readRestriction(JsonNode restriction, String layerName, Map<String, SlotSpec> slots,
			Set<DayOfWeek> layerDays, List<String> notes) {
		String type = text(restriction, "type");
		LocalTime from;
		try {
			from = LocalTime
				.parse(text(restriction, "start_time_of_day") == null ? "" : text(restriction, "start_time_of_day"));
		}
		catch (DateTimeException ex) {
			throw new Unreadable("schedule",
					"A restriction of layer \"" + layerName + "\" has no \"start_time_of_day\" like 05:00:00.");
		}
		long duration = restriction.path("duration_seconds").asLong(0);
		if (duration <= 0) {
			throw new Unreadable("schedule",
					"A restriction of layer \"" + layerName + "\" has no positive \"duration_seconds\".");
		}
		from = from.withSecond(0).withNano(0);
		if ("weekly_restriction".equals(type)) {
			int day = restriction.path("start_day_of_week").asInt(0);
			if (day < 1 || day > 7) {
				throw new Unreadable("schedule",
						"A weekly restriction of layer \"" + layerName + "\" has no \"start_day_of_week\" 1 to 7.");
			}
			long spanned = Math.min(7, (duration + 86399) / 86400);
			for (int d = 0; d < spanned; d++) {
				layerDays.add(DayOfWeek.of(day).plus(d));
			}
			if (duration > 86400) {
				notes.add("Layer \"" + layerName + "\" has a restriction spanning " + spanned
						+ " days; here it covers those days from " + from + " each day.");
				addSlot(slots, from, from);
				return;
			}
		}
		else if ("daily_restriction".equals(type)) {
			layerDays.addAll(EnumSet.allOf(DayOfWeek.class));
		}
		else {
			throw new Unreadable("schedule", "Layer \"" + layerName + "\" has a restriction of unknown type \""
					+ (type == null ? "" : type) + "\".");
		}
		addSlot(slots, from, from.plusSeconds(Math.min(duration, 86400)).withSecond(0));
	}

	private static void addSlot(Map<String, SlotSpec> slots, LocalTime from, LocalTime to) {
		String label = from + "-" + to;
		slots.putIfAbsent(label, new SlotSpec(label, from, to));
	}

	private static Set<String> names(List<LayerSpec> layers) {
		Set<String> names = new LinkedHashSet<>();
		layers.forEach(l -> names.add(l.name()));
		return names;
	}

	private static void collectEmails(JsonNode users, Map<String, String> emails) {
		if (users.isArray()) {
			users.forEach(u -> collectEmail(u.has("user") ? u.path("user") : u, emails));
		}
	}

	private static void collectEmail(JsonNode user, Map<String, String> emails) {
		String id = text(user, "id");
		String email = text(user, "email");
		if (id != null && email != null && email.contains("@") && email.length() <= 254) {
			emails.put(id, email.strip().toLowerCase(java.util.Locale.ROOT));
		}
	}

	private static String summary(JsonNode user) {
		String name = text(user, "name");
		name = name != null ? name : text(user, "summary");
		name = name != null ? name : text(user, "id");
		return name == null ? "someone" : name.length() > 100 ? name.substring(0, 100) : name;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static Instant time(JsonNode node, String field, String formField) {
		String text = text(node, field);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeException ex) {
			throw new Unreadable(formField, "\"" + field + "\" is not a time like 2026-12-01T05:00:00-05:00.");
		}
	}

}
