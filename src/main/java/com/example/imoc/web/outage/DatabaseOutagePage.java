package com.example.imoc.web.outage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;

/**
 * What {@code templates/error/503.html} shows when the database is unavailable: whether a
 * change was lost, and, for a plain form, what was typed, so the page can offer to send
 * it again once the database is back instead of making people type it twice. The fields,
 * the posted CSRF token included, are sent back to the same address.
 *
 * @param changeNotSaved the request tried to change something (anything but GET, HEAD,
 * OPTIONS)
 * @param resendTo the address to post the form to again, or {@code null} when it cannot
 * be offered
 * @param fields what was typed, in order, with the CSRF token it was sent with
 */
record DatabaseOutagePage(boolean changeNotSaved, String resendTo, List<Field> fields) {

	/**
	 * The request attribute the error page reads; it survives the container's dispatch to
	 * {@code /error}.
	 */
	static final String ATTRIBUTE = "databaseOutage";

	/**
	 * A path of our own, never {@code //host} or a scheme, so the form can only go back
	 * where it came from.
	 */
	private static final Pattern OWN_PATH = Pattern.compile("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

	/**
	 * Sign-in, sign-out and forms with passwords are never written into a page; file
	 * uploads cannot be.
	 */
	private static final Pattern NEVER_RESENT = Pattern.compile("/login|/logout");

	public record Field(String name, String value) {
	}

	static DatabaseOutagePage of(HttpServletRequest request, boolean change) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean resendable = change && "POST".equals(request.getMethod()) && OWN_PATH.matcher(path).matches()
				&& !NEVER_RESENT.matcher(path).matches() && !isMultipart(request)
				&& request.getParameterMap().keySet().stream().noneMatch(DatabaseOutagePage::isSecret);
		if (!resendable) {
			return new DatabaseOutagePage(change, null, List.of());
		}
		List<Field> fields = new ArrayList<>();
		// The CSRF token that came with the form goes back with it: sessions (and so
		// their tokens) live in the database
		// that is down, so no fresh token can be had now, and the posted one stays valid
		// for that session.
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			for (String value : parameter.getValue()) {
				fields.add(new Field(parameter.getKey(), value));
			}
		}
		return new DatabaseOutagePage(true, path, List.copyOf(fields));
	}

	private static boolean isSecret(String parameter) {
		String name = parameter.toLowerCase(Locale.ROOT);
		return name.contains("password") || name.contains("secret") || name.contains("token");
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
	}

}
