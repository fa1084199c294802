package com.example.imoc.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.SignedInPerson;

/**
 * Access follows the roster at once. On every request of a signed-in session, the
 * session's person is compared with what the roster says now
 * ({@link PersonAccounts#current}: from memory while no data changed anywhere, else one
 * primary-key read), on whichever node the request lands, since sessions live in the
 * shared database:
 * <ul>
 * <li>deactivated (or gone): 403 for this request, and the session is ended;</li>
 * <li>security version moved on (password changed or reset, signed out everywhere,
 * deactivated and reactivated): the session is ended and the request goes on signed out
 * (the sign-in page for pages, 401 for the API);</li>
 * <li>role, name or email changed: the request, and the session from now on, carries the
 * roster's values, so a demoted coordinator gets 403 on {@code /admin/**} at once.</li>
 * </ul>
 * Bearer-token calls are not sessions: {@link BearerTokenFilter} reads the roster itself.
 */
class RosterSessions extends OncePerRequestFilter {

	static final String DEACTIVATED = "Your roster entry is deactivated, so you are signed out. Ask a coordinator if this is a mistake.";

	private final PersonAccounts accounts;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	RosterSessions(PersonAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.holder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignedInPerson session)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<SignedInPerson> current = this.accounts.current(session.id());
		if (current.isEmpty() || !current.get().active()) {
			end(request);
			refuse(request, response);
			return;
		}
		SignedInPerson now = current.get();
		if (now.securityVersion() != session.securityVersion()) {
			end(request);
		}
		else if (!sameAccess(session, now)) {
			SecurityContext context = this.holder.createEmptyContext();
			UsernamePasswordAuthenticationToken renewed = UsernamePasswordAuthenticationToken.authenticated(now, null,
					now.getAuthorities());
			renewed.setDetails(authentication.getDetails());
			context.setAuthentication(renewed);
			this.holder.setContext(context);
			if (request.getSession(false) != null) {
				this.sessions.saveContext(context, request, response);
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Same person as the roster has now, down to what pages show and what they may do (no
	 * password hash kept).
	 */
	private static boolean sameAccess(SignedInPerson session, SignedInPerson now) {
		return session.role() == now.role() && Objects.equals(session.email(), now.email())
				&& Objects.equals(session.name(), now.name()) && session.passwordHash() == null;
	}

	private void end(HttpServletRequest request) {
		this.holder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write("{\"error\":\"" + DEACTIVATED + "\"}");
			return;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out</title>"
					+ "<link rel=\"stylesheet\" href=\"" + request.getContextPath()
					+ "/css/app.css\"></head><body><main>" + "<h1>Signed out</h1><p>" + DEACTIVATED
					+ "</p><p><a href=\"" + request.getContextPath() + "/login\">Sign in</a></p></main></body></html>");
	}

}
