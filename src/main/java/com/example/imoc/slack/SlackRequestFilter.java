package com.example.imoc.slack;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the raw body of every request to {@code /slack/*} before anything else can parse
 * it, refuses it (401) unless {@link SlackSignatures} accepts it, and hands the rest of
 * the chain the same body, with its form fields as request parameters. Marks accepted
 * requests with {@link #VERIFIED}, which the Slack security chain requires.
 */
class SlackRequestFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SlackRequestFilter.class);

	static final String VERIFIED = SlackRequestFilter.class.getName() + ".VERIFIED";

	/** Slack's payloads are small; anything larger is not from Slack. */
	static final int LONGEST_BODY = 64 * 1024;

	private final SlackSignatures signatures;

	SlackRequestFilter(SlackSignatures signatures) {
		this.signatures = signatures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body = request.getInputStream().readNBytes(LONGEST_BODY + 1);
		String refusal = body.length > LONGEST_BODY ? "body too large" : this.signatures
			.refusal(request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"), body);
		if (refusal != null) {
			log.warn("Refused a request to {} claiming to come from Slack: {}", request.getRequestURI(), refusal);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("Refused: " + refusal + ".");
			return;
		}
		request.setAttribute(VERIFIED, Boolean.TRUE);
		chain.doFilter(new SignedRequest(request, body), response);
	}

	/** The request with its body readable again and its form fields as parameters. */
	private static final class SignedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private final Map<String, String[]> parameters;

		SignedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.parameters = form(request.getContentType(), body);
		}

		private static Map<String, String[]> form(String contentType, byte[] body) {
			Map<String, List<String>> fields = new LinkedHashMap<>();
			if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
				for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
					if (pair.isEmpty()) {
						continue;
					}
					int eq = pair.indexOf('=');
					String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
					String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
				}
			}
			Map<String, String[]> parameters = new LinkedHashMap<>();
			fields.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
			return Collections.unmodifiableMap(parameters);
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return values == null ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return this.parameters.get(name);
		}

	}

}
