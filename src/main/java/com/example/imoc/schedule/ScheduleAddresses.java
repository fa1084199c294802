package com.example.imoc.schedule;

import java.util.regex.Pattern;

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

	@Bean
	CachedPages schedulePages() {
		return new CachedPages(Pattern.compile("/|/my/shifts|/rotations|/rotations/\\d{1,18}"));
	}

}
