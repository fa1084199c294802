package com.example.imoc.calendar;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import com.example.imoc.IntegrationTest;

/**
 * An {@link IntegrationTest} whose Quartz scheduler stays stopped: the feed tests write
 * exact schedules into the shift table, and the repair and extension jobs (triggered by
 * other tests' roster changes) would otherwise fill or reassign them mid-test. All feed
 * test classes share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
@interface FeedTest {

}
