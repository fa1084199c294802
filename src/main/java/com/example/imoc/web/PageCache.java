package com.example.imoc.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.web.layout.CachedPages;

/**
 * Keeps the pages a signed-in person just saw (those modules declare as
 * {@link CachedPages}: the schedule's home, my shifts, rotations and a rotation's week)
 * and serves them again while nothing they could show has changed: at a handoff everyone
 * reloads these pages again and again. An entry is this session's own rendering (its
 * name, unread notices and form tokens included, so nothing is shared between people),
 * keyed by the URL with its query, and valid only while:
 * <ul>
 * <li>the data generation is unchanged ({@link DataChanges}: any committed change on this
 * node or another, shown tables only), and the listener is connected;</li>
 * <li>it is the same minute (pages say "in 2 h 5 min");</li>
 * <li>no flash message waits for the session (a page after a form shows "Saved"
 * once).</li>
 * </ul>
 * Runs after Spring Security, so a request must be signed in (and gets the security
 * headers) before any replay. A page is kept on its second rendering for the session and
 * URL, not its first (see {@link #seenBefore}). Bounded in bytes; the least recently used
 * pages go first.
 */
class PageCache extends OncePerRequestFilter {

	private final List<CachedPages> cached;

	private static final String FLASH_MAPS = SessionFlashMapManager.class.getName() + ".FLASH_MAPS";

	private final DataChanges changes;

	private final Clock clock;

	private final long maxBytes;

	private final Map<String, Page> pages = new LinkedHashMap<>(64, 0.75f, true);

	private long bytes;

	/** Keys rendered once and not kept yet, oldest first. */
	private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, false);

	/** At most this many keys rendered once are remembered (about 100 bytes each). */
	static final int SEEN = 20_000;

	/**
	 * Pages being rendered, by key: requests for the same page wait for the one rendering
	 * it.
	 */
	private final Map<String, CountDownLatch> rendering = new ConcurrentHashMap<>();

	/** How long a request waits for another's rendering before rendering itself. */
	private static final Duration RENDER_WAIT = Duration.ofSeconds(10);

	private final Counter hits;

	private final Counter misses;

	private record Page(long stamp, long minute, String contentType, byte[] body) {
	}

	PageCache(List<CachedPages> cached, DataChanges changes, Clock clock, long maxBytes, MeterRegistry meters) {
		this.cached = List.copyOf(cached);
		this.hits = Counter.builder("imoc.page.cache").tag("result", "hit").register(meters);
		this.misses = Counter.builder("imoc.page.cache").tag("result", "miss").register(meters);
		this.changes = changes;
		this.clock = clock;
		this.maxBytes = maxBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.cached.stream().noneMatch(pages -> pages.matches(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		long stamp = this.changes.stamp();
		if (session == null || stamp < 0 || hasFlash(session)) {
			chain.doFilter(request, response);
			return;
		}
		long minute = this.clock.millis() / ChronoUnit.MINUTES.getDuration().toMillis();
		String key = session.getId() + ' ' + request.getRequestURI() + '?' + request.getQueryString();
		if (serve(get(key), minute, response)) {
			return;
		}
		// Everyone reloads at a handoff: one request renders the page, the others of the
		// session wait for it.
		CountDownLatch mine = new CountDownLatch(1);
		CountDownLatch leader = this.rendering.putIfAbsent(key, mine);
		if (leader != null) {
			awaitQuietly(leader);
			if (serve(get(key), minute, response)) {
				return;
			}
			render(request, response, chain, session, key, stamp, minute);
			return;
		}
		try {
			render(request, response, chain, session, key, stamp, minute);
		}
		finally {
			this.rendering.remove(key, mine);
			mine.countDown();
		}
	}

	private boolean serve(Page page, long minute, HttpServletResponse response) throws IOException {
		if (page == null || page.minute() != minute || !this.changes.isCurrent(page.stamp())) {
			return false;
		}
		response.setContentType(page.contentType());
		response.setContentLength(page.body().length);
		response.getOutputStream().write(page.body());
		this.hits.increment();
		return true;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(RENDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			HttpSession session, String key, long stamp, long minute) throws IOException, ServletException {
		this.misses.increment();
		Capture capture = new Capture(response);
		chain.doFilter(request, capture);
		capture.flushWriter();
		String contentType = capture.getContentType();
		if (capture.getStatus() == HttpServletResponse.SC_OK && contentType != null
				&& contentType.startsWith("text/html") && !setsCookie(capture) && sameSession(request, session)
				&& !hasFlash(session)) {
			if (seenBefore(key)) {
				put(key, new Page(stamp, minute, contentType, capture.getContentAsByteArray()));
			}
		}
		capture.copyBodyToResponse();
	}

	/**
	 * Keeps the page as it is written. Spring's wrapper hands Thymeleaf an unbuffered
	 * writer that encodes every one of the thousands of small writes a page makes on its
	 * own; a buffered one encodes in large chunks (first views of `/rotations/1` at 1,000
	 * people spent most of their time there).
	 */
	private static final class Capture extends ContentCachingResponseWrapper {

		private PrintWriter writer;

		Capture(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				String encoding = getCharacterEncoding();
				this.writer = new PrintWriter(new BufferedWriter(
						new OutputStreamWriter(getOutputStream(),
								encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding)),
						16 * 1024));
			}
			return this.writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			flushWriter();
			super.flushBuffer();
		}

		void flushWriter() {
			if (this.writer != null) {
				this.writer.flush();
			}
		}

	}

	/** Not signed out or in again (a new session id) while rendering. */
	private static boolean sameSession(HttpServletRequest request, HttpSession session) {
		HttpSession now = request.getSession(false);
		return now != null && now.getId().equals(session.getId());
	}

	private static boolean hasFlash(HttpSession session) {
		try {
			return session.getAttribute(FLASH_MAPS) instanceof Collection<?> maps && !maps.isEmpty();
		}
		catch (IllegalStateException invalidated) {
			return true;
		}
	}

	private static boolean setsCookie(HttpServletResponse response) {
		return !response.getHeaders(HttpHeaders.SET_COOKIE).isEmpty();
	}

	private synchronized Page get(String key) {
		return this.pages.get(key);
	}

	/**
	 * Whether this session asked for this URL before (then its page is kept): a page is
	 * kept on its second rendering, not its first. A page seen once (a link followed
	 * once, or every page after a change until its reader comes back) would otherwise be
	 * kept, outlive the young generation and be dropped from the old one, and at a few
	 * thousand first views a second that alone filled the old generation every few
	 * seconds: a full collection of the whole heap, 120-140 ms with every request
	 * stopped, was the tail of the first views (issue 17, fifth round). Reloads, which
	 * this cache is for, are kept from the second on. The keys remembered are bounded too
	 * ({@link #SEEN}).
	 */
	private synchronized boolean seenBefore(String key) {
		if (this.pages.containsKey(key) || this.seen.remove(key) != null) {
			return true;
		}
		this.seen.put(key, Boolean.TRUE);
		if (this.seen.size() > SEEN) {
			var eldest = this.seen.keySet().iterator();
			eldest.next();
			eldest.remove();
		}
		return false;
	}

	/** The keys kept, least recently used first (for tests). */
	synchronized List<String> keptKeys() {
		return List.copyOf(this.pages.keySet());
	}

	synchronized long keptBytes() {
		return this.bytes;
	}

	private synchronized void put(String key, Page page) {
		if (page.body().length > this.maxBytes / 8) {
			return;
		}
		Page old = this.pages.put(key, page);
		this.bytes += page.body().length - (old == null ? 0 : old.body().length);
		var eldest = this.pages.entrySet().iterator();
		while (this.bytes > this.maxBytes && eldest.hasNext()) {
			this.bytes -= eldest.next().getValue().body().length;
			eldest.remove();
		}
	}

	/**
	 * Pages kept per node ({@code imoc.web.page-cache-size}, IMOC_WEB_PAGE_CACHE_SIZE):
	 * 16 MB by default, about 270 rotation pages of 60 KB at 1,000 people or a few
	 * thousand of the smaller pages, which is what the people who reload within the same
	 * minute need. The entries are this node's heap: the old fixed bound, 32 MB, was a
	 * third of the heap's live set at 1,000 people (issue 17, memory).
	 */
	@ConfigurationProperties("imoc.web")
	record PageCacheSize(@DefaultValue("16MB") DataSize pageCacheSize) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/**
		 * What the cached pages show: the tables each module declares with its
		 * {@link CachedPages}.
		 */
		@Bean
		static CacheDependencies cachedPagesDependencies(List<CachedPages> cached) {
			return new CacheDependencies("cached pages", PageCache.class,
					cached.stream().flatMap(pages -> pages.tables().stream()).collect(Collectors.toSet()));
		}

		@Bean
		FilterRegistrationBean<PageCache> pageCache(List<CachedPages> cached, DataChanges changes, Clock clock,
				MeterRegistry meters, PageCacheSize size) {
			FilterRegistrationBean<PageCache> registration = new FilterRegistrationBean<>(
					new PageCache(cached, changes, clock, size.pageCacheSize().toBytes(), meters));
			// After Spring Security's chain: only signed-in requests reach it, with the
			// security headers set.
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
			return registration;
		}

	}

}
