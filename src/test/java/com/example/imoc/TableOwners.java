package com.example.imoc;

import java.util.Map;

/**
 * Which module owns each table: the one module whose SQL may name it. Other modules read
 * its data through the owner's public API or through a view the owner publishes
 * (migrations/V17__published_read_models.sql); {@link SqlOwnershipTests} holds the code
 * to that, and fails when a migration creates a table missing here.
 * <p>
 * Derived from the migrations and the code that writes each table: the module that
 * creates and changes a table's rows owns it. A module is the first package below
 * {@code com.example.imoc}.
 */
public final class TableOwners {

	public static final Map<String, String> OWNER = Map.ofEntries(
			// people: the roster, its absences, holidays and API tokens
			Map.entry("person", "people"), Map.entry("unavailability", "people"), Map.entry("access_token", "people"),
			Map.entry("region_holiday_calendar", "people"), Map.entry("public_holiday", "people"),
			Map.entry("public_holiday_seeding", "people"),
			// audit
			Map.entry("audit_entry", "audit"),
			// rotation: a rotation's definition
			Map.entry("rotation", "rotation"), Map.entry("rotation_slot", "rotation"),
			Map.entry("rotation_layer", "rotation"), Map.entry("rotation_participant", "rotation"),
			// schedule: the shifts
			Map.entry("shift", "schedule"),
			// incident
			Map.entry("service", "incident"), Map.entry("incident", "incident"),
			Map.entry("incident_service", "incident"), Map.entry("incident_page", "incident"),
			Map.entry("availability_month", "incident"),
			// calendar: feeds
			Map.entry("feed_token", "calendar"), Map.entry("feed_tombstone", "calendar"),
			Map.entry("feed_event_revision", "calendar"),
			// notify
			Map.entry("notification", "notify"), Map.entry("notification_preference", "notify"),
			Map.entry("shift_reminder", "notify"), Map.entry("coverage_gap_alert", "notify"),
			Map.entry("handover_note", "notify"), Map.entry("notification_delivery", "notify"),
			// slack: who is who in Slack, what was posted, what was seen
			Map.entry("slack_user", "slack"), Map.entry("slack_message", "slack"),
			Map.entry("slack_request_seen", "slack"), Map.entry("slack_usergroup_state", "slack"),
			// gitlab: which GitLab issue feeds which incident
			Map.entry("gitlab_incident_issue", "gitlab"), Map.entry("gitlab_incident_label", "gitlab"),
			// swap
			Map.entry("swap_request", "swap"), Map.entry("swap_request_shift", "swap"),
			Map.entry("special_coverage_day", "swap"),
			// demo: which parts of the demo were seeded
			Map.entry("app_setting", "demo"),
			// web: Spring Session's tables (written by Spring Session JDBC)
			Map.entry("spring_session", "web"), Map.entry("spring_session_attributes", "web"),
			// database: shared infrastructure (throttles; Quartz's job store, written by
			// Quartz)
			Map.entry("throttle_counter", "database"), Map.entry("qrtz_job_details", "database"),
			Map.entry("qrtz_triggers", "database"), Map.entry("qrtz_simple_triggers", "database"),
			Map.entry("qrtz_cron_triggers", "database"), Map.entry("qrtz_simprop_triggers", "database"),
			Map.entry("qrtz_blob_triggers", "database"), Map.entry("qrtz_calendars", "database"),
			Map.entry("qrtz_paused_trigger_grps", "database"), Map.entry("qrtz_fired_triggers", "database"),
			Map.entry("qrtz_scheduler_state", "database"), Map.entry("qrtz_locks", "database"));

	private TableOwners() {
	}

}
