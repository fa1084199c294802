package com.example.imoc.web;

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
 * Authenticates {@code /api/**} calls that carry {@code Authorization: Bearer <personal access token>}. The
 * authentication lives for this request only (no session), and a wrong token is a 401, never a fall-back to anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final AccessTokens tokens;

	BearerTokenFilter(AccessTokens tokens) {
		this.tokens = tokens;
	}

	static boolean carriesBearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !carriesBearer(request)
				|| !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String secret = request.getHeader("Authorization").substring(7).trim();
		var person = this.tokens.authenticate(secret);
		if (person.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write("{\"error\":\"The access token is unknown or revoked.\"}");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(person.get(), null,
				person.get().getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
