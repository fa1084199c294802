package com.example.imoc.schedule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.imoc.web.layout.CachedPages;

/**
 * What the web shell needs to know about the schedule's addresses, said here instead of
 * there: the home page, my shifts, the rotations list and a rotation's week are what
 * everyone reloads at a handoff, so the shell's page cache keeps them per session while
 * nothing they show has changed.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleAddresses {

	/**
	 * The tables these pages show, the layout's parts included (unread notices, the
	 * incoming handover note, the open covers offered on a rotation's week).
	 */
	@Bean
	CachedPages schedulePages() {
		return CachedPages.of("/|/my/shifts|/rotations|/rotations/\\d{1,18}", "person", "shift", "rotation",
				"rotation_slot", "rotation_layer", "rotation_participant", "unavailability", "public_holiday",
				"region_holiday_calendar", "notification", "handover_note", "swap_request", "swap_request_shift",
				"special_coverage_day");
	}

}
