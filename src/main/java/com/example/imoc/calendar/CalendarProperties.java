package com.example.imoc.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a feed covers, how clients are asked to poll it, and how guessing feed URLs is
 * slowed down ({@code imoc.calendar.*}).
 *
 * @param pastDays how far back a feed reaches, so last month's shifts stay visible
 * @param futureMonths how far ahead a feed reaches
 * @param refreshInterval the REFRESH-INTERVAL / X-PUBLISHED-TTL hint, also the HTTP
 * max-age
 * @param cancelledDays how long a shift that left a feed is still sent as
 * STATUS:CANCELLED
 * @param cacheEntries how many rendered feeds one instance keeps in memory
 * @param guessLimit how many requests for feeds that do not exist one client address may
 * make within {@code guessWindow} before it is locked out ({@link FeedGuessThrottle})
 * @param guessWindow the window {@code guessLimit} counts in
 * @param guessLockout how long a locked-out address gets 429 for every feed request
 */
@ConfigurationProperties("imoc.calendar")
record CalendarProperties(Integer pastDays, Integer futureMonths, Duration refreshInterval, Integer cancelledDays,
		Integer cacheEntries, Integer guessLimit, Duration guessWindow, Duration guessLockout) {

	CalendarProperties {
		pastDays = pastDays == null ? 30 : pastDays;
		futureMonths = futureMonths == null ? 12 : futureMonths;
		refreshInterval = refreshInterval == null ? Duration.ofHours(1) : refreshInterval;
		cancelledDays = cancelledDays == null ? 30 : cancelledDays;
		cacheEntries = cacheEntries == null ? 1000 : cacheEntries;
		guessLimit = guessLimit == null ? 20 : guessLimit;
		guessWindow = guessWindow == null ? Duration.ofMinutes(1) : guessWindow;
		guessLockout = guessLockout == null ? Duration.ofMinutes(15) : guessLockout;
	}

}
