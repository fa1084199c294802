package com.example.imoc.calendar;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The ways to subscribe to a feed: its URL under {@code imoc.base-url}, the webcal://
 * link that opens the desktop calendar, and one-click links for Google Calendar and
 * Outlook. Feed URLs and event UIDs are built from that base URL, so a wrong one hands
 * out URLs nobody can open, and changing it later changes every UID: the app says so at
 * start-up when it points at this machine only, and on the calendar page when people
 * reach the app at another address (once per address in the log).
 */
@Component
class FeedUrls {

	private static final Logger log = LoggerFactory.getLogger(FeedUrls.class);

	record Links(String url, String webcal, String google, String outlook) implements java.io.Serializable {
	}

	private final String baseUrl;

	private final Set<String> mismatchesLogged = ConcurrentHashMap.newKeySet();

	FeedUrls(@Value("${imoc.base-url}") String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnWhenOnlyThisMachineCanOpenFeeds() {
		String host = URI.create(this.baseUrl).getHost();
		if (host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) {
			log.warn("Calendar feed URLs and event UIDs are built from imoc.base-url (IMOC_BASE_URL) = {}, which only "
					+ "this machine can open. Set IMOC_BASE_URL to the address people use before anyone subscribes: "
					+ "changing it later changes every feed URL and UID.", this.baseUrl);
		}
	}

	/**
	 * The address this request reached the app at (scheme, host, port, context path;
	 * behind a trusted proxy its forwarded address), when it differs from
	 * {@code imoc.base-url}; else empty.
	 */
	Optional<String> mismatch(HttpServletRequest request) {
		String used = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
		if (sameOrigin(used, this.baseUrl)) {
			return Optional.empty();
		}
		if (this.mismatchesLogged.size() < 100 && this.mismatchesLogged.add(used)) {
			log.warn("The app was reached at {} but imoc.base-url (IMOC_BASE_URL) is {}: calendar feed URLs and event "
					+ "UIDs are built from the latter.", used, this.baseUrl);
		}
		return Optional.of(used);
	}

	String baseUrl() {
		return this.baseUrl;
	}

	private static boolean sameOrigin(String a, String b) {
		URI x = URI.create(a);
		URI y = URI.create(b);
		return x.getScheme() != null && x.getScheme().equalsIgnoreCase(y.getScheme()) && x.getHost() != null
				&& x.getHost().equalsIgnoreCase(y.getHost()) && port(x) == port(y)
				&& normalisedPath(x).equals(normalisedPath(y));
	}

	private static int port(URI uri) {
		return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String normalisedPath(URI uri) {
		String path = uri.getPath() == null ? "" : uri.getPath();
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
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
