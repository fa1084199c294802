package com.example.imoc.schedule;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.planning.FairnessLoad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 18, item 3: one fairness formula. For the same person and period, the schedule
 * health report, the rotation's fairness table and the load the assigner starts from
 * (ScheduleMaintenance's prior load, what {@code Assigner.score()} and the reason text
 * weigh) give the same weighted hours, and the hand-computed ones.
 */
@IntegrationTest
class OneFairnessFormulaTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Rotations rotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	ScheduleHealth health;

	@Autowired
	JdbcClient jdbc;

	private void shift(Rotation rotation, LocalDate date, Person owner, double weight) {
		this.jdbc.sql("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, reason,
				                   fairness_weight)
				values (?, ?, ?, ?, ?, ?, ?, 'known schedule', ?)""")
			.params(rotation.id(), rotation.layer("weekdays and weekends").orElseThrow().id(),
					rotation.slots().get(0).id(), date,
					Timestamp.from(date.atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC)),
					Timestamp.from(date.atTime(LocalTime.of(17, 0)).toInstant(ZoneOffset.UTC)), owner.getId(), weight)
			.update();
	}

	/**
	 * Ann (Europe/London, region EMEA: GB holidays) holds 8-hour day shifts on Friday 25
	 * December 2026 (Christmas Day), Saturday 26 and Sunday 27, Monday 28 (Boxing Day,
	 * observed) and Wednesday 30 December, the last as a volunteer on a special coverage
	 * day (weight 1.5). Hours 8 + 8 + 8 + 8 + 12 = 44; weekend 16, holiday 16; weighted
	 * 44 + 0.5 · 32 = 60.
	 */
	@Test
	void theHealthReportTheFairnessTableAndTheAssignerWeighAPersonsLoadAlike() throws Exception {
		Rotation rotation = this.testRotations.imocLike("UTC", 1, List.of(TestRotations.slot("09:00", "17:00")));
		Person ann = this.testPeople.manager("Ann Formula", "Europe/London");
		this.rotations.join(rotation.id(), ann.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		for (int day : new int[] { 25, 26, 27, 28 }) {
			shift(rotation, LocalDate.of(2026, 12, day), ann, 1.0);
		}
		shift(rotation, LocalDate.of(2026, 12, 30), ann, 1.5);

		// The assigner's window ends where planning starts (Monday 4 January 2027) and
		// reaches back the rotation's fairness window; the reports cover the same days.
		LocalDate planningStart = LocalDate.of(2027, 1, 4);
		LocalDate from = planningStart.minusDays(rotation.fairnessWindowDays());
		LocalDate to = planningStart.minusDays(1);

		FairnessLoad assigner = this.maintenance.priorLoad(rotation.id(), ann.getId(), planningStart).orElseThrow();
		assertThat(assigner.onCall().toHours()).isEqualTo(44);
		assertThat(assigner.weekend().toHours()).isEqualTo(16);
		assertThat(assigner.holiday().toHours()).isEqualTo(16);
		assertThat(assigner.weightedHours()).isCloseTo(60, within(1e-9));

		ScheduleHealth.PersonLoad reported = this.health.report(rotation, from, to)
			.people()
			.stream()
			.filter(p -> p.id() == ann.getId())
			.findFirst()
			.orElseThrow();
		assertThat(reported.weightedHours()).isCloseTo(assigner.weightedHours(), within(1e-9));
		assertThat(reported.weekendHours()).isCloseTo(16, within(1e-9));
		assertThat(reported.holidayHours()).isCloseTo(16, within(1e-9));

		Person coordinator = this.testPeople.coordinator("Cody Formula");
		Fairness.Summary table = (Fairness.Summary) this.mvc
			.perform(get("/admin/rotations/{id}/fairness", rotation.id()).param("from", from.toString())
				.param("to", to.toString())
				.with(user(TestPeople.signedIn(coordinator))))
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("fairness");
		Fairness.Row row = table.rows().stream().filter(r -> r.personId() == ann.getId()).findFirst().orElseThrow();
		assertThat(row.weightedHours()).isCloseTo(assigner.weightedHours(), within(1e-9));
		assertThat(row.load()).isCloseTo(assigner.onCall().toSeconds() / 3600.0, within(1e-9));
	}

}
