package com.example.imoc.web.api;

/**
 * Addresses under {@code prefix} are read by programs (a calendar app, a script), not
 * people: when the shell refuses or fails such a request it answers {@link ApiError}
 * JSON, never an HTML page. A module declares its own as a bean; the shell's JSON API
 * under {@code /api/} is one already.
 *
 * @param prefix the path prefix after the context path, starting and ending with a slash
 * @param secretInPath whether the rest of the path is a credential (a feed token), which
 * the logs never show
 */
public record MachinePath(String prefix, boolean secretInPath) {

	public MachinePath {
		if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
			throw new IllegalArgumentException("A machine path prefix looks like /name/, not " + prefix);
		}
	}

}
