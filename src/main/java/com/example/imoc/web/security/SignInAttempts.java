package com.example.imoc.web.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.web.outage.DatabaseOutage;

/**
 * The sign-in form's throttle and audit: a filter that refuses attempts for a locked
 * email or address before any password is checked, and the success and failure handlers
 * that count and audit each attempt (email and address only, never the password).
 */
class SignInAttempts extends OncePerRequestFilter
		implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

	private final SignInThrottle throttle;

	private final AuditLog auditLog;

	private final PersonRepository people;

	private final TransactionTemplate transactions;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();

	SignInAttempts(SignInThrottle throttle, AuditLog auditLog, PersonRepository people,
			TransactionTemplate transactions) {
		this.throttle = throttle;
		this.auditLog = auditLog;
		this.people = people;
		this.transactions = transactions;
		this.success.setDefaultTargetUrl("/");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + "/login"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String email = request.getParameter("username");
		Optional<Duration> wait = this.throttle.lockedFor(email, request.getRemoteAddr());
		if (wait.isPresent()) {
			audit("sign-in.throttled", email, request);
			response.sendRedirect(request.getContextPath() + "/login?locked=" + SignInThrottle.minutes(wait.get()));
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (DatabaseOutage.isCauseOf(exception)) {
			// The password was never checked: no failure to count towards a lock-out, and
			// DatabaseOutageFilter
			// answers 503 instead of "wrong password".
			throw exception;
		}
		String email = request.getParameter("username");
		this.throttle.failed(email, request.getRemoteAddr());
		audit("sign-in.failed", email, request);
		Optional<Duration> wait = this.throttle.lockedFor(email, request.getRemoteAddr());
		response.sendRedirect(request.getContextPath()
				+ wait.map(w -> "/login?locked=" + SignInThrottle.minutes(w)).orElse("/login?error"));
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.throttle.succeeded(request.getParameter("username"));
		audit("sign-in", authentication.getName(), request);
		this.success.onAuthenticationSuccess(request, response, keptWithoutPassword(authentication, request, response));
	}

	/**
	 * The session (in the shared database) keeps the principal without its password hash:
	 * it was needed to check the password, and nothing after needs it.
	 */
	private Authentication keptWithoutPassword(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		if (!(authentication.getPrincipal() instanceof SignedInPerson person) || person.passwordHash() == null) {
			return authentication;
		}
		SignedInPerson kept = person.withoutPassword();
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(kept, null,
				kept.getAuthorities());
		signedIn.setDetails(authentication.getDetails());
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(signedIn);
		this.holder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return signedIn;
	}

	private void audit(String action, String email, HttpServletRequest request) {
		String typed = email == null ? "" : email.trim();
		if (typed.length() > 320) {
			typed = typed.substring(0, 320) + "…";
		}
		String details = "email " + typed + " from " + request.getRemoteAddr();
		String lookup = typed;
		this.transactions.executeWithoutResult(status -> this.auditLog.record(action, "person",
				this.people.findByEmail(lookup).map(p -> p.getId()).orElse(null), details));
	}

}
