package com.example.imoc.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.listeners.JobListenerSupport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.example.imoc.people.PersonRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fresh start with demo data: the start-up extension runs only after the demo roster is
 * seeded, even when seeding is slower than the start-up delay (a runner before the seeder
 * sleeps past it here), so the first plan has people and whole blocks, not weeks of "the
 * roster is empty" gaps filled one shift at a time afterwards.
 */
@SpringBootTest(properties = { "imoc.demo=true", "imoc.schedule.extend-on-startup=true",
		"imoc.schedule.extend-on-startup-delay=1s" })
@ActiveProfiles("test")
class DemoStartupOrderTests {

	private static final JobKey EXTEND = JobKey.jobKey("extend-schedules", "schedule");

	/**
	 * For each run of the extend job: whether the demo coordinator existed when it
	 * started.
	 */
	static final List<Boolean> rosterSeededWhenExtendStarted = new CopyOnWriteArrayList<>();

	@Autowired
	JdbcTemplate jdbc;

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowSeeding {

		/**
		 * Watches every extend run from the moment Quartz exists, before any trigger can
		 * fire.
		 */
		@Bean
		SchedulerFactoryBeanCustomizer recordExtendRuns(ObjectProvider<PersonRepository> people) {
			return factory -> factory.setGlobalJobListeners(new JobListenerSupport() {
				@Override
				public String getName() {
					return "demo-startup-order";
				}

				@Override
				public void jobToBeExecuted(JobExecutionContext context) {
					if (context.getJobDetail().getKey().equals(EXTEND)) {
						rosterSeededWhenExtendStarted
							.add(people.getObject().findByEmail(DemoPeople.COORDINATOR_EMAIL).isPresent());
					}
				}

				@Override
				public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
				}
			});
		}

		/**
		 * Runs before the seeder and takes longer than the start-up delay, as seeding can
		 * on a busy machine.
		 */
		@Bean
		@Order(5)
		ApplicationRunner slowStart() {
			return args -> Thread.sleep(Duration.ofSeconds(4).toMillis());
		}

	}

	@Test
	void theStartUpExtensionWaitsForTheDemoRosterAndTheFirstSixWeeksHaveWholeBlocks() {
		await("the start-up extension ran").atMost(Duration.ofSeconds(60))
			.until(() -> !rosterSeededWhenExtendStarted.isEmpty());
		assertThat(rosterSeededWhenExtendStarted).as("the demo roster existed whenever the extend job started")
			.containsOnly(true);
		long imoc = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from shift where rotation_id = ? and reason like '%roster is empty%'", Integer.class,
				imoc))
			.isZero();

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate anchor = this.jdbc.queryForObject("select anchor_date from rotation where id = ?", LocalDate.class,
				imoc);
		Map<String, Set<Long>> holders = new TreeMap<>();
		this.jdbc
			.query("""
					select s.local_date, sl.label, s.assignee_id from shift s join rotation_slot sl on sl.id = s.slot_id
					where s.rotation_id = ? and s.state = 'SCHEDULED' and not s.shadow and s.local_date >= ? and s.local_date < ?""",
					rs -> {
						LocalDate date = rs.getObject(1, LocalDate.class);
						long offset = Math.floorMod(date.toEpochDay() - anchor.toEpochDay(), 4);
						long assignee = rs.getLong(3);
						holders.computeIfAbsent(date.minusDays(offset) + " " + rs.getString(2), key -> new HashSet<>())
							.add(rs.wasNull() ? null : assignee);
					}, imoc, today, today.plusWeeks(6));
		assertThat(holders).hasSizeGreaterThanOrEqualTo(5 * 9);
		assertThat(holders).allSatisfy((block, who) -> assertThat(who).as(block).hasSize(1).doesNotContainNull());
	}

}
