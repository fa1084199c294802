package com.example.imoc.pagerduty;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * PagerDuty's REST API (IMOC_PAGERDUTY_URL) for fetching a schedule with a token, and the
 * rules an imported rotation starts with that PagerDuty has no word for (the same
 * defaults as the new-rotation form; the coordinator edits them afterwards).
 */
@ConfigurationProperties("imoc.pagerduty")
record PagerDutySettings(String url, Duration timeout, Duration minimumRest, int horizonWeeks, int freezeDays,
		int fairnessWindowDays) {

	PagerDutySettings {
		url = StringUtils.hasText(url) ? url.strip().replaceAll("/+$", "") : "https://api.pagerduty.com";
		timeout = timeout != null ? timeout : Duration.ofSeconds(20);
		minimumRest = minimumRest != null ? minimumRest : Duration.ofHours(8);
		horizonWeeks = horizonWeeks > 0 ? horizonWeeks : 6;
		freezeDays = freezeDays > 0 ? freezeDays : 1;
		fairnessWindowDays = fairnessWindowDays > 0 ? fairnessWindowDays : 365;
	}

}
