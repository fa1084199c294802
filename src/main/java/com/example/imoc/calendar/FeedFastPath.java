package com.example.imoc.calendar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ProtocolHandler;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.net.SocketEvent;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.annotation.Value;

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
		String secret = secret(request.getMethod(), request.getRequestURI(), request.getContextPath(),
				request.getQueryString() != null);
		return answer(secret, "HEAD".equals(request.getMethod()), request::getHeader, new ServletReply(response));
	}

	/**
	 * The answer from memory for a poll of this secret (null: not a poll), given the
	 * request's headers, written to {@code reply}; false, with nothing written, when
	 * memory does not have it. The one place that decides for the filter, the valve and
	 * the connector's adapter alike.
	 */
	private boolean answer(String secret, boolean head, Function<String, String> headers, Reply reply)
			throws IOException {
		// A valid secret is served even to a locked-out address (FeedGuessThrottle
		// refuses only unknown ones).
		if (secret == null) {
			return false;
		}
		Optional<CalendarFeeds.RenderedFeed> hit = this.feeds.fromMemory(secret, headers.apply(HttpHeaders.USER_AGENT));
		if (hit.isEmpty()) {
			return false;
		}
		CalendarFeeds.RenderedFeed feed = hit.get();
		boolean gzip = CalendarFeeds.RenderedFeed.acceptsGzip(headers.apply(HttpHeaders.ACCEPT_ENCODING));
		String etag = gzip ? feed.gzipEtag() : feed.etag();
		byte[] body = gzip ? feed.gzipped() : feed.body();
		reply.header(CACHE_CONTROL, this.cacheControl);
		reply.header(ETAG, etag);
		reply.header(LAST_MODIFIED, feed.lastModifiedHeader());
		reply.header(VARY, HttpHeaders.ACCEPT_ENCODING);
		if (notModified(headers.apply(HttpHeaders.IF_NONE_MATCH), headers.apply(HttpHeaders.IF_MODIFIED_SINCE), etag,
				feed)) {
			// What RFC 9110 asks of a 304 (validators, caching); the security headers
			// only matter with a body.
			reply.notModified();
			return true;
		}
		reply.header(X_CONTENT_TYPE_OPTIONS, "nosniff");
		reply.header(X_FRAME_OPTIONS, "DENY");
		reply.header(REFERRER_POLICY, "same-origin");
		reply.header(CSP, CONTENT_SECURITY_POLICY);
		if (gzip) {
			reply.header(CONTENT_ENCODING, "gzip");
		}
		reply.body(body, head);
		return true;
	}

	/** Where {@link #answer} writes: a servlet response, or Tomcat's own. */
	private interface Reply {

		void header(Header header, String value);

		void notModified();

		void body(byte[] body, boolean head) throws IOException;

	}

	private record ServletReply(HttpServletResponse response) implements Reply {

		@Override
		public void header(Header header, String value) {
			FeedFastPath.header(this.response, header, value);
		}

		@Override
		public void notModified() {
			this.response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
		}

		@Override
		public void body(byte[] body, boolean head) throws IOException {
			this.response.setContentType(CONTENT_TYPE);
			this.response.setContentLength(body.length);
			if (!head) {
				this.response.getOutputStream().write(body);
			}
		}

	}

	/**
	 * Tomcat's own response, before any servlet object exists ({@link Adapter}): headers
	 * as bytes, the status, and the body written through the connector, which commits the
	 * headers first (Content-Type, Content-Length and Date are added there, as for every
	 * response).
	 */
	private record CoyoteReply(org.apache.coyote.Response response) implements Reply {

		@Override
		public void header(Header header, String value) {
			addBytes(this.response.getMimeHeaders(), header, value);
		}

		@Override
		public void notModified() {
			this.response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
		}

		@Override
		public void body(byte[] body, boolean head) throws IOException {
			this.response.setContentType(CONTENT_TYPE);
			this.response.setContentLength(body.length);
			if (!head) {
				this.response.doWrite(ByteBuffer.wrap(body));
			}
		}

	}

	/**
	 * Sets a header that nothing set before. Under Tomcat (the valve) name and value go
	 * in as bytes: a header given as a String is encoded when the response is written,
	 * with a new charset encoder per header (issue 17, item 4: 4 % of a 304 in the
	 * profile). Elsewhere (the filter, MockMvc) as any servlet header.
	 */
	private static void header(HttpServletResponse response, Header header, String value) {
		if (response instanceof Response tomcat) {
			addBytes(tomcat.getCoyoteResponse().getMimeHeaders(), header, value);
		}
		else {
			response.setHeader(header.name(), value);
		}
	}

	private static void addBytes(MimeHeaders headers, Header header, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
		headers.addValue(header.bytes(), 0, header.bytes().length).setBytes(bytes, 0, bytes.length);
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
	 * {@code /ical/<secret>.ics} by GET or HEAD without a query, the secret being one
	 * path segment of letters, digits, '-' and '_' (so nothing in it is encoded or could
	 * be normalised); null for anything else.
	 */
	static String secret(String method, String uri, String contextPath, boolean query) {
		if (!"GET".equals(method) && !"HEAD".equals(method) || query) {
			return null;
		}
		int start = contextPath.length() + PREFIX.length();
		if (!uri.startsWith(contextPath) || !uri.startsWith(PREFIX, contextPath.length()) || !uri.endsWith(SUFFIX)
				|| uri.length() <= start + SUFFIX.length()) {
			return null;
		}
		String secret = uri.substring(start, uri.length() - SUFFIX.length());
		for (int i = 0; i < secret.length(); i++) {
			if (!secretChar(secret.charAt(i))) {
				return null;
			}
		}
		return secret;
	}

	private static boolean secretChar(int c) {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
	}

	/**
	 * As Spring's ServletWebRequest#checkNotModified: If-None-Match first, else
	 * If-Modified-Since.
	 */
	private static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag,
			CalendarFeeds.RenderedFeed feed) {
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
				FilterRegistrationBean<FeedFastPath> feedFastPath,
				@Value("${imoc.calendar.connector-fast-path:true}") boolean inConnector) {
			return (factory) -> {
				if (inConnector) {
					// Before the valve: in front of Tomcat's request mapping (Adapter).
					// Off
					// by default: on a loaded 2-core machine it gained 7-13 % of 304s
					// against nginx, not the 10 % asked for to adopt it
					// (docs/BENCHMARKS.md,
					// issue 17 fourth round); on for a quiet-machine comparison.
					byte[] prefix = (factory.getContextPath() + PREFIX).getBytes(StandardCharsets.ISO_8859_1);
					factory.addConnectorCustomizers((connector) -> connector.addLifecycleListener((event) -> {
						if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) {
							ProtocolHandler protocol = connector.getProtocolHandler();
							protocol.setAdapter(new Adapter(protocol.getAdapter(), feedFastPath.getFilter(), prefix));
						}
					}));
				}
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
			if (request.getAttribute(TRIED) == null && this.fastPath.answer(request, response)) {
				return;
			}
			request.setAttribute(TRIED, Boolean.TRUE);
			getNext().invoke(request, response);
		}

	}

	/**
	 * The fast path in front of Tomcat's request processing (issue 17, item 4): wraps the
	 * connector's {@code CoyoteAdapter}, so a poll answered from memory skips what Tomcat
	 * does before the first valve (URI decoding and normalisation, the mapper, the
	 * servlet request and response objects, the pipeline). Only a request line Tomcat has
	 * parsed as {@code GET} or {@code HEAD} of {@code /ical/<secret>.ics}, no query, with
	 * the secret of letters, digits, '-' and '_' only (nothing encoded, nothing to
	 * normalise: {@code %2e}, {@code ..}, {@code ;} and '/' all go on to Tomcat) is asked
	 * about; what it answers, and for which secrets, is {@link #answer}'s, as the valve's
	 * and the filter's: an unknown, revoked or changed secret is never in memory and goes
	 * on, marked {@link #TRIED}, to the valve, the filter chain and
	 * {@link FeedController}. Everything else is the wrapped adapter's.
	 */
	static final class Adapter implements org.apache.coyote.Adapter {

		private static final byte[] SUFFIX_BYTES = SUFFIX.getBytes(StandardCharsets.ISO_8859_1);

		private final org.apache.coyote.Adapter next;

		private final FeedFastPath fastPath;

		private final byte[] prefix;

		Adapter(org.apache.coyote.Adapter next, FeedFastPath fastPath, byte[] prefix) {
			this.next = next;
			this.fastPath = fastPath;
			this.prefix = prefix;
		}

		org.apache.coyote.Adapter next() {
			return this.next;
		}

		@Override
		public void service(org.apache.coyote.Request request, org.apache.coyote.Response response) throws Exception {
			String secret = secret(request);
			if (secret != null) {
				if (this.fastPath.answer(secret, request.method().equals("HEAD"), request::getHeader,
						new CoyoteReply(response))) {
					return;
				}
				request.setAttribute(TRIED, Boolean.TRUE);
			}
			this.next.service(request, response);
		}

		/**
		 * The secret of a poll from the raw request line, or null; the same answer as
		 * {@link FeedFastPath#secret} where the raw URI needs no decoding, null where it
		 * would.
		 */
		private String secret(org.apache.coyote.Request request) {
			MessageBytes uri = request.requestURI();
			if (uri.getType() != MessageBytes.T_BYTES || !request.queryString().isNull()
					|| !request.method().equals("GET") && !request.method().equals("HEAD")) {
				return null;
			}
			ByteChunk chunk = uri.getByteChunk();
			byte[] bytes = chunk.getBuffer();
			int from = chunk.getStart() + this.prefix.length;
			int to = chunk.getEnd() - SUFFIX_BYTES.length;
			if (to <= from || !Arrays.equals(bytes, chunk.getStart(), from, this.prefix, 0, this.prefix.length)
					|| !Arrays.equals(bytes, to, chunk.getEnd(), SUFFIX_BYTES, 0, SUFFIX_BYTES.length)) {
				return null;
			}
			for (int i = from; i < to; i++) {
				if (!secretChar(bytes[i])) {
					return null;
				}
			}
			return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
		}

		@Override
		public boolean prepare(org.apache.coyote.Request request, org.apache.coyote.Response response)
				throws Exception {
			return this.next.prepare(request, response);
		}

		@Override
		public boolean asyncDispatch(org.apache.coyote.Request request, org.apache.coyote.Response response,
				SocketEvent status) throws Exception {
			return this.next.asyncDispatch(request, response, status);
		}

		@Override
		public void log(org.apache.coyote.Request request, org.apache.coyote.Response response, long time) {
			this.next.log(request, response, time);
		}

		@Override
		public void checkRecycled(org.apache.coyote.Request request, org.apache.coyote.Response response) {
			this.next.checkRecycled(request, response);
		}

		@Override
		public String getDomain() {
			return this.next.getDomain();
		}

	}

}
