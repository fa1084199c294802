package com.example.imoc.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a feed covers and how clients are asked to poll it ({@code imoc.calendar.*}).
 *
 * @param pastDays how far back a feed reaches, so last month's shifts stay visible
 * @param futureMonths how far ahead a feed reaches
 * @param refreshInterval the REFRESH-INTERVAL / X-PUBLISHED-TTL hint, also the HTTP max-age
 * @param cancelledDays how long a shift that left a feed is still sent as STATUS:CANCELLED
 * @param cacheEntries how many rendered feeds one instance keeps in memory
 */
@ConfigurationProperties("imoc.calendar")
record CalendarProperties(Integer pastDays, Integer futureMonths, Duration refreshInterval, Integer cancelledDays,
		Integer cacheEntries) {

	CalendarProperties {
		pastDays = pastDays == null ? 30 : pastDays;
		futureMonths = futureMonths == null ? 12 : futureMonths;
		refreshInterval = refreshInterval == null ? Duration.ofHours(1) : refreshInterval;
		cancelledDays = cancelledDays == null ? 30 : cancelledDays;
		cacheEntries = cacheEntries == null ? 1000 : cacheEntries;
	}

}
