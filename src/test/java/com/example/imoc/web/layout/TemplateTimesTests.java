package com.example.imoc.web.layout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.example.imoc.people.Role;
import com.example.imoc.people.SignedInPerson;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTimesTests {

	static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

	final List<Long> lookups = new ArrayList<>();

	final TemplateTimes times = new TemplateTimes(NOV_2026, id -> {
		this.lookups.add(id);
		return id == 7 ? ZoneId.of("Asia/Kolkata") : ZoneId.of("America/Chicago");
	});

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aMomentReadsInTheReadersZoneWithTheZoneNamed() {
		signIn(7);
		assertThat(this.times.human(Instant.parse("2026-11-30T14:45:05.357810889Z")))
			.isEqualTo("Mon 30 Nov, 20:15 (Asia/Kolkata)");
		assertThat(this.times.clock(Instant.parse("2026-11-30T14:45:00Z"))).isEqualTo("20:15");
	}

	@Test
	void theReadersZoneIsLookedUpOncePerRequest() {
		signIn(7);
		this.times.human(Instant.parse("2026-11-30T14:45:00Z"));
		this.times.human(Instant.parse("2026-12-01T14:45:00Z"));
		this.times.span(Instant.parse("2026-12-01T14:45:00Z"), Instant.parse("2026-12-01T16:45:00Z"));
		assertThat(this.lookups).containsExactly(7L);
	}

	@Test
	void nobodySignedInReadsUtc() {
		assertThat(this.times.human(Instant.parse("2026-11-30T14:45:00Z"))).isEqualTo("Mon 30 Nov, 14:45 (UTC)");
		assertThat(this.times.human(null)).isEmpty();
	}

	@Test
	void anotherYearIsNamed() {
		assertThat(this.times.human(Instant.parse("2025-06-14T09:00:00Z"), "Europe/London"))
			.isEqualTo("Sat 14 Jun 2025, 10:00 (Europe/London)");
		assertThat(this.times.human(Instant.parse("2027-01-04T09:00:00Z"), "Europe/London"))
			.isEqualTo("Mon 4 Jan 2027, 09:00 (Europe/London)");
	}

	@Test
	void onTheDayTheClocksGoBackBothOneThirtiesReadAsTheWallClockShowsThem() {
		// Europe/London, 25 Oct 2026: 02:00 BST becomes 01:00 GMT.
		assertThat(this.times.human(Instant.parse("2026-10-25T00:30:00Z"), "Europe/London"))
			.isEqualTo("Sun 25 Oct, 01:30 (Europe/London)");
		assertThat(this.times.human(Instant.parse("2026-10-25T01:30:00Z"), "Europe/London"))
			.isEqualTo("Sun 25 Oct, 01:30 (Europe/London)");
		assertThat(this.times.human(Instant.parse("2026-10-24T23:59:00Z"), "Europe/London"))
			.isEqualTo("Sun 25 Oct, 00:59 (Europe/London)");
	}

	@Test
	void aSpanOverTheSpringForwardNightShowsTheWallClockHours() {
		signIn(8);
		// America/Chicago, 8 Mar 2026: 02:00 CST becomes 03:00 CDT; three real hours.
		assertThat(this.times.span(Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-08T10:00:00Z")))
			.isEqualTo("Sun 8 Mar, 01:00–05:00 (America/Chicago)");
		assertThat(this.times.hours(Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-08T10:00:00Z")))
			.isEqualTo("01:00–05:00");
	}

	@Test
	void aSpanOverTheReadersMidnightNamesBothDays() {
		signIn(7);
		Instant start = Instant.parse("2026-12-01T17:00:00Z");
		Instant end = Instant.parse("2026-12-01T23:00:00Z");
		assertThat(this.times.span(start, end)).isEqualTo("Tue 1 Dec, 22:30 – Wed 2 Dec, 04:30 (Asia/Kolkata)");
		assertThat(this.times.hours(start, end)).isEqualTo("22:30–04:30 (+1)");
	}

	private void signIn(long id) {
		SignedInPerson person = new SignedInPerson(id, "p" + id + "@example.com", "P" + id, null, Role.MANAGER, true);
		SecurityContextHolder.getContext()
			.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(person, null, person.getAuthorities()));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
	}

}
