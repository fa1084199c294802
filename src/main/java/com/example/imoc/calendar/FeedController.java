package com.example.imoc.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /ical/{token}.ics} to calendar clients (HEAD too). A wrong token of any shape is a 404 with an empty
 * body. Spring answers 304 itself when If-None-Match or If-Modified-Since match the ETag and Last-Modified set here.
 */
@RestController
class FeedController {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private final CalendarFeeds feeds;

	private final Duration maxAge;

	FeedController(CalendarFeeds feeds, CalendarProperties properties) {
		this.feeds = feeds;
		this.maxAge = properties.refreshInterval();
	}

	@GetMapping("/ical/{token}.ics")
	ResponseEntity<byte[]> feed(@PathVariable String token,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String client, HttpMethod method) {
		return this.feeds.open(token, client)
			.map(feed -> ResponseEntity.ok()
				.contentType(TEXT_CALENDAR)
				.contentLength(feed.body().length)
				.eTag(feed.etag())
				.lastModified(feed.lastModified())
				.cacheControl(CacheControl.maxAge(this.maxAge).cachePrivate())
				.body(method == HttpMethod.HEAD ? null : feed.body()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/** Anything else under /ical/ is just as unknown, and just as empty. */
	@GetMapping("/ical/**")
	ResponseEntity<byte[]> unknown() {
		return ResponseEntity.notFound().build();
	}

}
