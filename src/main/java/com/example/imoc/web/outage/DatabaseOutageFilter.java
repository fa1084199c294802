package com.example.imoc.web.outage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.imoc.web.api.MachinePaths;

/**
 * Turns a lost database into a 503 with {@code Retry-After} instead of a 500, wherever
 * the request met it: in a controller, a model attribute, a view, or a Spring Security
 * filter (the Bearer token lookup, the sign-in audit). It wraps the whole security filter
 * chain, so it sees all of those in one place; every other exception passes through
 * untouched. The API and calendar feeds get {@link com.example.imoc.web.api.ApiError}
 * JSON; pages get {@code templates/error/503.html}, which says the change was not saved
 * and, for a plain form, carries what was typed so it can be sent again.
 */
@Component
class DatabaseOutageFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Matches "try again in a minute": a restart takes seconds, so a client coming back
	 * after this finds it done.
	 */
	static final String RETRY_AFTER_SECONDS = "60";

	static final String NOT_SAVED = "The database is unavailable; your change was not saved. Try again in a minute.";

	static final String NOT_SHOWN = "The database is unavailable. Try again in a minute.";

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	/**
	 * During an outage every request fails alike; one warning per interval says so
	 * without flooding the log.
	 */
	private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	private final MachinePaths machinePaths;

	DatabaseOutageFilter(MachinePaths machinePaths) {
		this.machinePaths = machinePaths;
	}

	/**
	 * Just outside Spring Session's filter (spring.session.servlet.filter-order, Spring
	 * Security's order - 1) and Spring Security's filter chain, so exceptions from
	 * loading a session or from security filters reach us too.
	 */
	@Override
	public int getOrder() {
		return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!DatabaseOutage.isCauseOf(ex) || response.isCommitted()) {
				throw ex;
			}
			report(request, ex);
			answer(request, response);
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		boolean change = !READS.contains(request.getMethod());
		response.resetBuffer();
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		if (this.machinePaths.forMachines(request)) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			// ApiError's shape; the sentences are constants without characters JSON would
			// need escaped.
			response.getOutputStream()
				.write(("{\"error\":\"" + (change ? NOT_SAVED : NOT_SHOWN) + "\"}").getBytes(StandardCharsets.UTF_8));
			return;
		}
		request.setAttribute(DatabaseOutagePage.ATTRIBUTE, DatabaseOutagePage.of(request, change));
		response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
	}

	private void report(HttpServletRequest request, Exception ex) {
		String uri = this.machinePaths.loggable(request);
		String cause = NestedExceptionUtils.getMostSpecificCause(ex).toString();
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && this.lastWarning.compareAndSet(last, now)) {
			log.warn("The database is unavailable: answering 503 to {} {} (and to any request failing alike in the "
					+ "next 10 s, logged at debug level); cause: {}", request.getMethod(), uri, cause);
		}
		else {
			log.debug("The database is unavailable: answering 503 to {} {}; cause: {}", request.getMethod(), uri,
					cause);
		}
	}

}
