package com.example.imoc.notify;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.example.imoc.people.SignedInPerson;

/**
 * What this module adds to pages it does not own, so the web, people and schedule modules
 * need not know about it: the unread count in the navigation, the notification section of
 * the profile, the handover note on the home page; each kept per person while nothing
 * changed ({@link PersonalNotices}).
 */
@ControllerAdvice(annotations = Controller.class)
class NotifyModelAttributes {

	private final PersonalNotices personal;

	NotifyModelAttributes(PersonalNotices personal) {
		this.personal = personal;
	}

	/**
	 * Not on error pages: they must render when the database is what failed (the 503
	 * page).
	 */
	@ModelAttribute("unreadNotifications")
	Integer unreadNotifications(Authentication authentication, HttpServletRequest request) {
		SignedInPerson me = signedIn(authentication);
		return me == null || request.getDispatcherType() == DispatcherType.ERROR ? null : this.personal.unread(me.id());
	}

	@ModelAttribute("notificationPreferences")
	NotificationPreferences.Preferences notificationPreferences(Authentication authentication,
			HttpServletRequest request) {
		SignedInPerson me = signedIn(authentication);
		return me != null && isPage(request, "/profile") ? this.personal.preferences(me.id()) : null;
	}

	@ModelAttribute("handoverNote")
	Handoffs.IncomingNote handoverNote(Authentication authentication, HttpServletRequest request) {
		SignedInPerson me = signedIn(authentication);
		return me != null && isPage(request, "/") ? this.personal.incomingNote(me.id()).orElse(null) : null;
	}

	private static boolean isPage(HttpServletRequest request, String path) {
		return "GET".equals(request.getMethod())
				&& request.getRequestURI().substring(request.getContextPath().length()).equals(path);
	}

	private static SignedInPerson signedIn(Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof SignedInPerson person ? person : null;
	}

}
