package com.example.imoc.web.layout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestDataValueProcessor;
import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;

import com.example.imoc.people.SignedInPerson;

/**
 * The inside of every page's {@code <header>}: the brand, the main navigation with the
 * current section marked, and the account links. What depends only on the section, the
 * role (the Admin item is the coordinator's alone) and the context path is written once
 * and shared by every request and session ({@link #header}); per request only the
 * reader's parts are filled in: the two badges (swaps waiting for their answer, unread
 * notices), their name, and the sign-out form's hidden fields (this request's CSRF token,
 * from Spring's {@link RequestDataValueProcessor} as Thymeleaf's {@code th:action} asks
 * it). Text is escaped as Thymeleaf's {@code th:text} escapes it; the output is the same,
 * character for character, as the Thymeleaf fragment it replaces (issue 17: about thirty
 * expressions per page, on every first view).
 */
@Component("layout")
public class LayoutHtml {

	/** The navigation: label, path, and the prefix that marks it current. */
	private record Item(String label, String path, String current) {

		boolean isCurrent(String path) {
			return "/".equals(this.current) ? "/".equals(path) : path.startsWith(this.current);
		}

	}

	private static final List<Item> ITEMS = List.of(new Item("Now", "/", "/"),
			new Item("My shifts", "/my/shifts", "/my/"), new Item("Rotations", "/rotations", "/rotations"),
			new Item("Swaps", "/swaps", "/swaps"), new Item("Incidents", "/incidents", "/incidents"),
			new Item("Availability", "/availability", "/availability"),
			new Item("Reports", "/reports/time-in-lieu", "/reports"), new Item("Calendar", "/calendar", "/calendar"),
			new Item("Inbox", "/notifications", "/notifications"));

	private static final Item ADMIN = new Item("Admin", "/admin/people", "/admin");

	/** Index of the item after whose label the swaps badge goes. */
	private static final int SWAPS = 3;

	/** Index of the item after whose label the unread badge goes. */
	private static final int INBOX = 8;

	/** At most this many shared headers; past it all are dropped (each about 1 KB). */
	static final int MAX_SHARED = 256;

	/**
	 * The shared text of one header, cut where the reader's parts go: [0] up to the swaps
	 * badge, [1] up to the unread badge, [2] up to the reader's name, [3] up to the
	 * sign-out form's action, [4] from there to the end. Anonymous: [0] alone.
	 */
	private record Shared(String[] parts) {
	}

	private record Key(String contextPath, int current, boolean coordinator, boolean signedIn) {
	}

	private final Map<Key, Shared> shared = new ConcurrentHashMap<>();

	private final ObjectProvider<RequestDataValueProcessor> processors;

	LayoutHtml(ObjectProvider<RequestDataValueProcessor> processors) {
		this.processors = processors;
	}

	/**
	 * The header's inside for the current request: for {@code me} (or nobody) on
	 * {@code currentPath} (the path within the context), with the badges' counts
	 * ({@code null} or 0 for none).
	 */
	public String header(SignedInPerson me, String currentPath, Integer swapsWaiting, Integer unreadNotifications) {
		HttpServletRequest request = currentRequest();
		String contextPath = request == null ? "" : request.getContextPath();
		String path = currentPath == null ? "" : currentPath;
		int current = -1;
		boolean coordinator = me != null && me.isCoordinator();
		for (int i = 0; i < ITEMS.size() + 1 && current < 0; i++) {
			Item item = i < ITEMS.size() ? ITEMS.get(i) : ADMIN;
			if ((i < ITEMS.size() || coordinator) && item.isCurrent(path)) {
				current = i;
			}
		}
		Key key = new Key(contextPath, current, coordinator, me != null);
		Shared parts = this.shared.get(key);
		if (parts == null) {
			if (this.shared.size() >= MAX_SHARED) {
				this.shared.clear();
			}
			parts = write(key);
			this.shared.put(key, parts);
		}
		String[] text = parts.parts();
		if (me == null) {
			return text[0];
		}
		StringBuilder out = new StringBuilder(
				text[0].length() + text[1].length() + text[2].length() + text[3].length() + text[4].length() + 400);
		out.append(text[0]);
		if (swapsWaiting != null && swapsWaiting > 0) {
			out.append("<span class=\"badge\" id=\"swaps-waiting\" title=\"")
				.append(swapsWaiting)
				.append(" waiting for your answer\">")
				.append(swapsWaiting)
				.append("</span><span class=\"visually-hidden\"> waiting for your answer</span>");
		}
		out.append(text[1]);
		if (unreadNotifications != null && unreadNotifications > 0) {
			out.append("<span class=\"badge\" title=\"")
				.append(unreadNotifications)
				.append(" unread\">")
				.append(unreadNotifications)
				.append("</span><span class=\"visually-hidden\"> unread</span>");
		}
		out.append(text[2]).append(escape(me.name())).append(text[3]);
		signOutForm(out, request, contextPath + "/logout");
		out.append(text[4]);
		return out.toString();
	}

	/**
	 * The sign-out form's opening tag and the hidden fields Spring adds to every form
	 * Thymeleaf writes with {@code th:action} (the CSRF token of this request).
	 */
	private void signOutForm(StringBuilder out, HttpServletRequest request, String logout) {
		RequestDataValueProcessor processor = request == null ? null : this.processors.getIfUnique();
		String action = processor == null ? logout : processor.processAction(request, logout, "post");
		out.append("<form action=\"").append(escape(action)).append("\" method=\"post\" class=\"inline\">");
		Map<String, String> hidden = processor == null ? null : processor.getExtraHiddenFields(request);
		if (hidden != null) {
			hidden.forEach((name, value) -> out.append("<input type=\"hidden\" name=\"")
				.append(escape(name))
				.append("\" value=\"")
				.append(escape(value))
				.append("\"/>"));
		}
	}

	private static Shared write(Key key) {
		String root = key.contextPath();
		StringBuilder out = new StringBuilder(1200);
		out.append("\n  <a class=\"brand\" href=\"")
			.append(escape(root + "/"))
			.append("\">IMOC <span>Scheduler</span></a>\n  ");
		if (!key.signedIn()) {
			return new Shared(new String[] { out.append("\n  \n").toString() });
		}
		String[] parts = new String[5];
		out.append("<nav aria-label=\"Main\">\n    <ul class=\"nav\">\n");
		for (int i = 0; i < ITEMS.size(); i++) {
			item(out, root, ITEMS.get(i), i == key.current());
			if (i == SWAPS) {
				parts[0] = out.toString();
				out.setLength(0);
			}
			else if (i == INBOX) {
				parts[1] = out.toString();
				out.setLength(0);
			}
			out.append("</a></li>\n");
		}
		out.append("      ");
		if (key.coordinator()) {
			out.append("<li>");
			item(out, root, ADMIN, key.current() == ITEMS.size());
			out.append("</a></li>");
		}
		out.append("\n    </ul>\n  </nav>\n  <div class=\"account\">\n    <a href=\"")
			.append(escape(root + "/profile"))
			.append("\">");
		parts[2] = out.toString();
		out.setLength(0);
		out.append("</a>\n    ");
		parts[3] = out.toString();
		out.setLength(0);
		out.append("\n      <button type=\"submit\" class=\"link\">Sign out</button>\n    </form>\n  </div>\n");
		parts[4] = out.toString();
		return new Shared(parts);
	}

	/** An item's opening up to the end of its label (the badge, if any, follows). */
	private static void item(StringBuilder out, String root, Item item, boolean current) {
		if (item != ADMIN) {
			out.append("      <li>");
		}
		out.append("<a href=\"").append(escape(root + item.path())).append("\"");
		if (current) {
			out.append(" aria-current=\"page\"");
		}
		out.append(">").append(escape(item.label()));
	}

	private static HttpServletRequest currentRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
	}

	/**
	 * As {@code th:text} and {@code th:attr} escape: the markup-significant characters.
	 */
	static String escape(String text) {
		return text == null ? "" : HtmlEscape.escapeHtml(text, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
				HtmlEscapeLevel.LEVEL_1_ONLY_MARKUP_SIGNIFICANT);
	}

}
