package com.example.imoc.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.MimeHeaders;

import org.springframework.aop.framework.AopProxyUtils;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * Answers a calendar client's poll from memory when {@link CalendarFeeds#fromMemory} has
 * the feed: no security filter chain, no dispatcher, no database. Polls are by far the
 * most frequent request (every client of every feed, all day) and the secret in the URL
 * is the whole authorisation, so nothing is skipped that would apply. Anything else
 * (first fetch, a change since, another client, a malformed or unknown secret) goes on to
 * {@link FeedController}, which answers exactly as before and primes this path. The
 * answer here is the controller's, byte for byte and header for header (200 or 304, ETag,
 * Last-Modified, Cache-Control), plus the security headers (with a stricter
 * Content-Security-Policy than the pages': a calendar file loads nothing).
 */
class FeedFastPath implements Filter {

	private static final String PREFIX = "/ical/";

	/**
	 * Set by {@link Valve} on a request it passed on: the filter then knows the answer is
	 * not in memory.
	 */
	static final String TRIED = FeedFastPath.class.getName() + ".TRIED";

	private static final String SUFFIX = ".ics";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	/**
	 * A calendar file loads nothing and is framed by nobody: stricter than the pages'
	 * policy, on purpose.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	private static final String CONTENT_TYPE = FeedController.TEXT_CALENDAR.toString();

	private final CalendarFeeds feeds;

	private final String cacheControl;

	FeedFastPath(CalendarFeeds feeds, Duration maxAge) {
		this.feeds = feeds;
		this.cacheControl = "max-age=" + maxAge.toSeconds() + ", private";
	}

	/**
	 * A plain filter, not a OncePerRequestFilter: registered for REQUEST dispatches only,
	 * it runs once anyway, and the "already filtered" request attribute would be one more
	 * map write on every poll. Under Tomcat, {@link Valve} has asked already and marked
	 * the request when it could not answer: then this filter does not ask again.
	 */
	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws ServletException, IOException {
		if (servletRequest instanceof HttpServletRequest request
				&& servletResponse instanceof HttpServletResponse response && servletRequest.getAttribute(TRIED) == null
				&& answer(request, response)) {
			return;
		}
		chain.doFilter(servletRequest, servletResponse);
	}

	/**
	 * Answers the poll from memory when {@link CalendarFeeds#fromMemory} knows its
	 * secret, and says so; false, with nothing written, for anything else.
	 */
	boolean answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String secret = secret(request);
		// A valid secret is served even to a locked-out address (FeedGuessThrottle
		// refuses only unknown ones).
		if (secret == null) {
			return false;
		}
		Optional<CalendarFeeds.RenderedFeed> hit = this.feeds.fromMemory(secret,
				request.getHeader(HttpHeaders.USER_AGENT));
		if (hit.isEmpty()) {
			return false;
		}
		CalendarFeeds.RenderedFeed feed = hit.get();
		boolean gzip = CalendarFeeds.RenderedFeed.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		String etag = gzip ? feed.gzipEtag() : feed.etag();
		byte[] body = gzip ? feed.gzipped() : feed.body();
		header(response, CACHE_CONTROL, this.cacheControl);
		header(response, ETAG, etag);
		header(response, LAST_MODIFIED, feed.lastModifiedHeader());
		header(response, VARY, HttpHeaders.ACCEPT_ENCODING);
		if (notModified(request, etag, feed)) {
			// What RFC 9110 asks of a 304 (validators, caching); the security headers
			// only matter with a body.
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return true;
		}
		header(response, X_CONTENT_TYPE_OPTIONS, "nosniff");
		header(response, X_FRAME_OPTIONS, "DENY");
		header(response, REFERRER_POLICY, "same-origin");
		header(response, CSP, CONTENT_SECURITY_POLICY);
		response.setContentType(CONTENT_TYPE);
		if (gzip) {
			header(response, CONTENT_ENCODING, "gzip");
		}
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
		return true;
	}

	/**
	 * Sets a header that nothing set before. Under Tomcat (the valve) name and value go
	 * in as bytes: a header given as a String is encoded when the response is written,
	 * with a new charset encoder per header (issue 17, item 4: 4 % of a 304 in the
	 * profile). Elsewhere (the filter, MockMvc) as any servlet header.
	 */
	private static void header(HttpServletResponse response, Header header, String value) {
		if (response instanceof Response tomcat) {
			MimeHeaders headers = tomcat.getCoyoteResponse().getMimeHeaders();
			byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
			headers.addValue(header.bytes(), 0, header.bytes().length).setBytes(bytes, 0, bytes.length);
		}
		else {
			response.setHeader(header.name(), value);
		}
	}

	private record Header(String name, byte[] bytes) {

		Header(String name) {
			this(name, name.getBytes(StandardCharsets.ISO_8859_1));
		}

	}

	private static final Header CACHE_CONTROL = new Header(HttpHeaders.CACHE_CONTROL);

	private static final Header ETAG = new Header(HttpHeaders.ETAG);

	private static final Header LAST_MODIFIED = new Header(HttpHeaders.LAST_MODIFIED);

	private static final Header VARY = new Header(HttpHeaders.VARY);

	private static final Header CONTENT_ENCODING = new Header(HttpHeaders.CONTENT_ENCODING);

	private static final Header X_CONTENT_TYPE_OPTIONS = new Header("X-Content-Type-Options");

	private static final Header X_FRAME_OPTIONS = new Header("X-Frame-Options");

	private static final Header REFERRER_POLICY = new Header("Referrer-Policy");

	private static final Header CSP = new Header("Content-Security-Policy");

	/**
	 * {@code /ical/<secret>.ics} by GET or HEAD, the secret being one path segment; null
	 * for anything else.
	 */
	private static String secret(HttpServletRequest request) {
		String method = request.getMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method) || request.getQueryString() != null) {
			return null;
		}
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		int start = context.length() + PREFIX.length();
		if (!uri.startsWith(PREFIX, context.length()) || !uri.endsWith(SUFFIX)
				|| uri.length() <= start + SUFFIX.length()) {
			return null;
		}
		String secret = uri.substring(start, uri.length() - SUFFIX.length());
		for (int i = 0; i < secret.length(); i++) {
			char c = secret.charAt(i);
			if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
				return null;
			}
		}
		return secret;
	}

	/**
	 * As Spring's ServletWebRequest#checkNotModified: If-None-Match first, else
	 * If-Modified-Since.
	 */
	private static boolean notModified(HttpServletRequest request, String etag, CalendarFeeds.RenderedFeed feed) {
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null) {
			for (String tag : ifNoneMatch.split(",")) {
				String candidate = tag.strip();
				if (candidate.startsWith("W/")) {
					candidate = candidate.substring(2);
				}
				if (candidate.equals("*") || candidate.equals(etag)) {
					return true;
				}
			}
			return false;
		}
		String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
		if (ifModifiedSince == null) {
			return false;
		}
		try {
			Instant since = Instant.from(HTTP_DATE.parse(ifModifiedSince.strip()));
			return !feed.lastModified().isAfter(since);
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<FeedFastPath> feedFastPath(CalendarFeeds feeds, CalendarProperties properties) {
			// The bean itself, not its transactional proxy: fromMemory needs no
			// transaction, and calling it through the proxy's interceptor and reflection
			// was 4 % of a 304 (issue 17, item 4).
			CalendarFeeds target = (CalendarFeeds) Objects.requireNonNullElse(AopProxyUtils.getSingletonTarget(feeds),
					feeds);
			FilterRegistrationBean<FeedFastPath> registration = new FilterRegistrationBean<>(
					new FeedFastPath(target, properties.refreshInterval()));
			registration.addUrlPatterns(PREFIX + "*");
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			// First of all filters: before Spring Security's chain (the secret is the
			// authorisation) and before the
			// per-request metrics and encoding filters, whose work is wasted on a poll;
			// polls are counted by
			// CalendarFeeds ("imoc.feed.polls", served=memory|database).
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		/**
		 * Under Tomcat, the same answer from the first valve of the engine (issue 17,
		 * item 4): before the trusted-proxy valve, the host and context valves, the
		 * filter chain's construction and the servlet's wrapper. Unordered, so it runs
		 * after Spring Boot's own customizer has added the trusted-proxy valve, and puts
		 * itself before it.
		 */
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> feedFastPathValve(
				FilterRegistrationBean<FeedFastPath> feedFastPath) {
			return (factory) -> {
				List<org.apache.catalina.Valve> valves = new ArrayList<>(factory.getEngineValves());
				valves.add(0, new Valve(feedFastPath.getFilter()));
				factory.setEngineValves(valves);
				// Socket reads and writes straight from direct buffers: with heap
				// buffers, the JDK copies every read and write through a temporary
				// direct buffer it looks up in a thread-local cache (9 % of a 304 in the
				// profile, issue 17, item 4). 16 KB per open connection, off the heap.
				factory.addConnectorCustomizers((connector) -> connector.setProperty("socket.directBuffer", "true"));
			};
		}

	}

	/**
	 * The fast path as a Tomcat valve, first in the engine's pipeline: a poll it can
	 * answer from memory costs Tomcat's parsing and writing only. What it answers, and
	 * for which secrets, is {@link #answer}'s, exactly as the filter's; everything else
	 * goes down the pipeline unchanged (marked {@link #TRIED}), to the filter chain,
	 * Spring Security and {@link FeedController}.
	 */
	static final class Valve extends ValveBase {

		private final FeedFastPath fastPath;

		Valve(FeedFastPath fastPath) {
			super(true);
			this.fastPath = fastPath;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			if (this.fastPath.answer(request, response)) {
				return;
			}
			request.setAttribute(TRIED, Boolean.TRUE);
			getNext().invoke(request, response);
		}

	}

}
