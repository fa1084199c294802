package com.example.imoc.web.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The addresses programs read: the JSON API under {@code /api/} and every
 * {@link MachinePath} a module declares. The shell's filters ask here instead of naming a
 * feature's addresses.
 */
@Component
public class MachinePaths {

	private static final MachinePath API = new MachinePath("/api/", false);

	private final List<MachinePath> paths;

	public MachinePaths(List<MachinePath> declared) {
		List<MachinePath> all = new ArrayList<>(declared);
		all.add(0, API);
		this.paths = List.copyOf(all);
	}

	/** Whether the request is for a program, which gets JSON errors. */
	public boolean forMachines(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.paths.stream().anyMatch(p -> path.startsWith(p.prefix()));
	}

	/**
	 * The request's path as the log may show it: a path whose rest is a secret ends in
	 * "…" after its prefix.
	 */
	public String loggable(HttpServletRequest request) {
		String uri = request.getRequestURI();
		for (MachinePath path : this.paths) {
			int at = path.secretInPath() ? uri.indexOf(path.prefix()) : -1;
			if (at >= 0) {
				return uri.substring(0, at) + path.prefix() + "…";
			}
		}
		return uri;
	}

}
