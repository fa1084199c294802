package com.example.imoc.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /ical/{token}.ics} to calendar clients (HEAD too). A wrong token of any
 * shape is a 404 with an empty body (a 429 while its address is locked out for guessing,
 * see {@link FeedGuessThrottle}); a URL that was revoked or rotated, or whose owner left,
 * is a 410 Gone, so calendars can stop asking. A client that accepts gzip gets the feed
 * gzipped (made once per rendering), under an ETag of its own. Spring answers 304 itself
 * when If-None-Match or If-Modified-Since match the ETag and Last-Modified set here.
 */
@RestController
class FeedController {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private final CalendarFeeds feeds;

	private final FeedTokens tokens;

	private final FeedGuessThrottle throttle;

	private final Duration maxAge;

	FeedController(CalendarFeeds feeds, FeedTokens tokens, FeedGuessThrottle throttle, CalendarProperties properties) {
		this.feeds = feeds;
		this.tokens = tokens;
		this.throttle = throttle;
		this.maxAge = properties.refreshInterval();
	}

	@GetMapping("/ical/{token}.ics")
	ResponseEntity<byte[]> feed(@PathVariable String token,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String client,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
			HttpMethod method, HttpServletRequest request) {
		return this.feeds.open(token, client).map(feed -> {
			boolean gzip = CalendarFeeds.RenderedFeed.acceptsGzip(acceptEncoding);
			byte[] body = gzip ? feed.gzipped() : feed.body();
			ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
				.contentType(TEXT_CALENDAR)
				.contentLength(body.length)
				.eTag(gzip ? feed.gzipEtag() : feed.etag())
				.lastModified(feed.lastModified())
				.cacheControl(CacheControl.maxAge(this.maxAge).cachePrivate())
				.varyBy(HttpHeaders.ACCEPT_ENCODING);
			if (gzip) {
				ok.header(HttpHeaders.CONTENT_ENCODING, "gzip");
			}
			return ok.body(method == HttpMethod.HEAD ? null : body);
		}).orElseGet(() -> this.tokens.isGone(token) ? gone() : unknown(request));
	}

	/** Anything else under /ical/ is just as unknown, and just as empty. */
	@GetMapping("/ical/**")
	ResponseEntity<byte[]> unknown(HttpServletRequest request) {
		return this.throttle.refusal(request.getRemoteAddr()).orElseGet(() -> ResponseEntity.notFound().build());
	}

	private static ResponseEntity<byte[]> gone() {
		return ResponseEntity.status(HttpStatus.GONE)
			.cacheControl(CacheControl.noStore())
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(GONE);
	}

	private static final byte[] GONE = "This calendar feed URL was revoked or replaced. Remove the subscription; its owner can make a new URL on the calendar page.\n"
		.getBytes(StandardCharsets.UTF_8);

}
