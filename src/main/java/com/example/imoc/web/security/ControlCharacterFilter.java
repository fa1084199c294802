package com.example.imoc.web.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.imoc.web.api.ApiError;
import com.example.imoc.web.api.MachinePaths;

/**
 * Refuses control characters in every query parameter and form field, names included,
 * with a 400 naming the field, before any controller, binder or transaction sees them.
 * PostgreSQL refuses a NUL in text outright (a 500 deep in a transaction, after work was
 * done), and the other C0 controls and DEL are never typed by a person: they only smuggle
 * terminal escapes, fake line ends or invisible differences into names, logs and exports.
 * Tab, line feed and carriage return stay allowed (textareas send CRLF). JSON strings are
 * held to the same rule by {@code web.api.BoundedJsonInput}. Of a multipart body only the
 * query string is checked (see {@link #isMultipart}).
 */
@Component
public class ControlCharacterFilter extends OncePerRequestFilter implements Ordered {

	/** The request attribute the 400 page reads to say which field was refused. */
	static final String ATTRIBUTE = "refusedInput";

	private final JsonMapper json = JsonMapper.builder().build();

	private final MachinePaths machinePaths;

	ControlCharacterFilter(MachinePaths machinePaths) {
		this.machinePaths = machinePaths;
	}

	/**
	 * Before Spring Security: a refused request costs no session or token lookup, and
	 * nothing is written.
	 */
	@Override
	public int getOrder() {
		return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refused = refusedField(
				isMultipart(request) ? queryParameters(request.getQueryString()) : request.getParameterMap());
		if (refused == null) {
			chain.doFilter(request, response);
			return;
		}
		String message = message(refused);
		if (this.machinePaths.forMachines(request)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			this.json.writeValue(response.getOutputStream(), ApiError.field(printable(refused), message));
			return;
		}
		request.setAttribute(ATTRIBUTE, message);
		response.sendError(HttpServletResponse.SC_BAD_REQUEST);
	}

	/**
	 * A multipart body is left to Spring's multipart resolver, so an upload over the size
	 * limit keeps its 413 (reading parameters here would make the container parse it
	 * first); its query string is checked all the same. The only multipart form is the
	 * roster import, a file the importer checks line by line.
	 */
	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	/**
	 * The query string's parameters, decoded; a malformed escape is left for the
	 * container to refuse.
	 */
	static Map<String, String[]> queryParameters(String query) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		if (query == null) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = decode(equals < 0 ? "" : pair.substring(equals + 1));
			parameters.merge(name, new String[] { value }, (before, more) -> {
				String[] all = Arrays.copyOf(before, before.length + 1);
				all[before.length] = more[0];
				return all;
			});
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	/** The first parameter whose name or a value holds a control character, or null. */
	static String refusedField(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (hasControlCharacter(parameter.getKey())) {
				return parameter.getKey();
			}
			for (String value : parameter.getValue()) {
				if (hasControlCharacter(value)) {
					return parameter.getKey();
				}
			}
		}
		return null;
	}

	/**
	 * Whether the text holds a C0 control other than tab, line feed and carriage return,
	 * or DEL.
	 */
	public static boolean hasControlCharacter(String text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	static String message(String field) {
		return "The field \"" + printable(field)
				+ "\" contains a control character (such as NUL); remove it and try again.";
	}

	/**
	 * The field's name as it can be shown: control characters as '?', at most 100
	 * characters.
	 */
	public static String printable(String field) {
		StringBuilder shown = new StringBuilder();
		field.codePoints().limit(100).forEach(c -> shown.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
		return shown.toString();
	}

}
