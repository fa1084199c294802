package com.example.imoc.database;

import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerMetaData;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class QuartzClusteringTests {

	@Autowired
	Scheduler scheduler;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theSchedulerIsClusteredOnTheJdbcStoreInTheAppsDatabase() throws Exception {
		SchedulerMetaData meta = this.scheduler.getMetaData();
		assertThat(meta.isJobStoreClustered()).isTrue();
		assertThat(meta.isJobStoreSupportsPersistence()).isTrue();
		assertThat(meta.getSchedulerName()).startsWith("imoc");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from qrtz_scheduler_state where sched_name = ? and instance_name = ?", Integer.class,
				meta.getSchedulerName(), meta.getSchedulerInstanceId()))
			.isEqualTo(1);
	}

}
