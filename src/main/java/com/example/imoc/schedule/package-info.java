/**
 * The schedule: stored shifts, the fair DST-exact assigner (plain Java, in
 * {@code planning}), the Quartz jobs that keep it filled, and the pages and API that show
 * who is on call.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Schedule")
package com.example.imoc.schedule;
