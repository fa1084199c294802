package com.example.imoc.calendar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ways to subscribe to a feed: its URL under {@code imoc.base-url}, the webcal:// link that opens the desktop
 * calendar, and one-click links for Google Calendar and Outlook.
 */
@Component
class FeedUrls {

	record Links(String url, String webcal, String google, String outlook) implements java.io.Serializable {
	}

	private final String baseUrl;

	FeedUrls(@Value("${imoc.base-url}") String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	Links of(String secret, String calendarName) {
		String url = this.baseUrl + "/ical/" + secret + ".ics";
		String webcal = "webcal://" + url.substring(url.indexOf("://") + 3);
		return new Links(url, webcal, "https://calendar.google.com/calendar/r?cid=" + encode(webcal),
				"https://outlook.live.com/calendar/0/addfromweb?url=" + encode(url) + "&name=" + encode(calendarName));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
