package com.example.imoc.web.signin;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.PersonAccounts;
import com.example.imoc.people.SignedInPerson;

/**
 * "Sign in with GitLab" (OpenID Connect authorization code flow) beside the password
 * form.
 * <p>
 * A successful sign-in ends with the same session as the password form: a
 * {@link SignedInPerson} principal with the roster's authorities, so every page and
 * {@code @AuthenticationPrincipal SignedInPerson} work unchanged. GitLab's tokens are
 * only used to learn who someone is and are not kept. Every outcome is audited:
 * {@code sign-in} (method oidc) or {@code sign-in.refused} with the reason; a refusal
 * sends the browser to the login page, which says why.
 */
public class GitLabSignIns implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	/**
	 * Session attribute with the sentence the login page shows once after a refused
	 * GitLab sign-in.
	 */
	static final String REFUSAL = GitLabSignIns.class.getName() + ".REFUSAL";

	static final String LOGIN_URL = "/oauth2/authorization/" + DiscoveredGitLabRegistration.REGISTRATION_ID;

	private static final Log logger = LogFactory.getLog(GitLabSignIns.class);

	private final PersonAccounts accounts;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SavedRequestAwareAuthenticationSuccessHandler continueToPage = new SavedRequestAwareAuthenticationSuccessHandler();

	public GitLabSignIns(PersonAccounts accounts, AuditLog auditLog, TransactionTemplate transactions) {
		this.accounts = accounts;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.continueToPage.setDefaultTargetUrl("/");
	}

	/**
	 * Whether the login page should offer the GitLab button: a registration named gitlab
	 * exists.
	 */
	static boolean offered(ClientRegistrationRepository registrations) {
		if (registrations == null) {
			return false;
		}
		// Ours would contact GitLab to answer, and it always has the registration.
		return registrations instanceof DiscoveredGitLabRegistration
				|| registrations.findByRegistrationId(DiscoveredGitLabRegistration.REGISTRATION_ID) != null;
	}

	public void configure(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
		http.oauth2Login(oauth2 -> oauth2.loginPage("/login")
			.clientRegistrationRepository(registrations)
			.authorizedClientRepository(new NotKept())
			.securityContextRepository(this.contexts)
			.userInfoEndpoint(userInfo -> userInfo.oidcUserService(new RosterOidcUserService(this.accounts)))
			.successHandler(this)
			.failureHandler(this)
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					// Without this, GitLab being unreachable on the first click would be
					// a bare 500.
					filter.setAuthenticationFailureHandler(GitLabSignIns.this);
					return filter;
				}
			}));
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		SignedInPerson person = ((RosterOidcUserService.RosterOidcUser) authentication.getPrincipal()).person();
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(person, null,
				person.getAuthorities());
		signedIn.setDetails(authentication.getDetails());
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(signedIn);
		this.holder.setContext(context);
		this.contexts.saveContext(context, request, response);
		audit("sign-in", person.id(), "method oidc, email " + person.email() + " from " + request.getRemoteAddr());
		this.continueToPage.onAuthenticationSuccess(request, response, signedIn);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String message;
		if (exception instanceof SignInRefused refused) {
			message = refused.userMessage();
			audit("sign-in.refused", refused.personId(), "method oidc, " + refused.reason() + ", email "
					+ (refused.email() == null ? "none" : refused.email()) + " from " + request.getRemoteAddr());
		}
		else {
			String code = errorCode(exception);
			logger.warn("Sign in with GitLab failed (" + code + ")", exception);
			message = DiscoveredGitLabRegistration.UNREACHABLE.equals(code)
					? "GitLab cannot be reached right now; sign in with your password instead."
					: "Signing in with GitLab did not work (" + code + "); try again, or sign in with your password.";
			audit("sign-in.refused", null, "method oidc, " + code + " from " + request.getRemoteAddr());
		}
		request.getSession().setAttribute(REFUSAL, message);
		response.sendRedirect(request.getContextPath() + "/login?refused");
	}

	/** The OAuth2 error code, also when the redirect filter wrapped the exception. */
	private static String errorCode(AuthenticationException exception) {
		for (Throwable t = exception; t != null; t = t.getCause()) {
			if (t instanceof OAuth2AuthenticationException oauth2) {
				return oauth2.getError().getErrorCode();
			}
		}
		return "error";
	}

	private void audit(String action, Long personId, String details) {
		this.transactions.executeWithoutResult(status -> this.auditLog.record(action, "person", personId, details));
	}

	/**
	 * GitLab's access token is not needed once we know who signed in, so it is not stored
	 * anywhere.
	 */
	private static final class NotKept implements OAuth2AuthorizedClientRepository {

		@Override
		public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
				Authentication principal, HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

	}

}
