package com.example.imoc.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.imoc.people.AccessTokens;

/**
 * Authenticates {@code /api/**} calls that carry
 * {@code Authorization: Bearer <personal access token>}. The authentication lives for
 * this request only (no session), and a wrong, revoked or expired token is a 401, never a
 * fall-back to anonymous. Only a request this filter authenticated is exempt from CSRF
 * ({@link #authenticated}): a Bearer header on any other path, or a junk one, exempts
 * nothing.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	/**
	 * Request attribute set once the token was checked and the request authenticated by
	 * it.
	 */
	static final String AUTHENTICATED = BearerTokenFilter.class.getName() + ".AUTHENTICATED";

	private final AccessTokens tokens;

	BearerTokenFilter(AccessTokens tokens) {
		this.tokens = tokens;
	}

	static boolean carriesBearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	/**
	 * Whether this filter authenticated the request with its token (then it carries no
	 * session cookie's authority).
	 */
	static boolean authenticated(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(AUTHENTICATED));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !carriesBearer(request) || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String secret = request.getHeader("Authorization").substring(7).trim();
		var person = this.tokens.authenticate(secret);
		if (person.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write("{\"error\":\"The access token is unknown, revoked or expired.\"}");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(person.get(), null, person.get().getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.setAttribute(AUTHENTICATED, Boolean.TRUE);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
