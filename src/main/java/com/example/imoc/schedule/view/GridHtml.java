package com.example.imoc.schedule.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;

import com.example.imoc.schedule.OpenCovers;

/**
 * The inside of a rotation page's grid table (caption, head and body), rendered once per
 * {@link RotationWeek} and shared by every viewer (issue 17): everything any viewer sees
 * alike is written here as text, escaped as Thymeleaf's {@code th:text} escapes it; what
 * differs by viewer or by the hour is left as a hook, filled per request by
 * {@link #render(Viewer)}: "today" (the day's row and its tag), the viewer's own shifts
 * ("mine", "you"), the highlighted people, the coordinator's "assign" link on future gaps
 * and the volunteer form or link on an open cover, whose form carries the request's own
 * CSRF token. No token, name or mark of one viewer is ever part of the shared text.
 */
public final class GridHtml {

	private final String[] texts;

	private final Hook[] hooks;

	private final int length;

	private GridHtml(List<String> texts, List<Hook> hooks) {
		this.texts = texts.toArray(String[]::new);
		this.hooks = hooks.toArray(Hook[]::new);
		this.length = texts.stream().mapToInt(String::length).sum();
	}

	/**
	 * Who looks, and when: what the hooks are filled with.
	 *
	 * @param id the viewer's person id
	 * @param coordinator whether the viewer is a coordinator (the "assign" link)
	 * @param highlight the people to highlight
	 * @param today today in the page's zone
	 * @param now the request's instant (a gap can be assigned until it starts)
	 * @param offers the open covers shown, by shift id, with whether the viewer may take
	 * each
	 * @param contextPath the application's context path, for links
	 * @param csrfParameter the CSRF token's form parameter name (null: no token)
	 * @param csrfToken this request's CSRF token
	 */
	public record Viewer(long id, boolean coordinator, Set<Long> highlight, LocalDate today, Instant now,
			Map<Long, OpenCovers.Offer> offers, String contextPath, String csrfParameter, String csrfToken) {
	}

	/** Characters of the shared text (for the cache's bound). */
	public int length() {
		return this.length;
	}

	/** The grid for one viewer: the shared text with the hooks filled. */
	public String render(Viewer viewer) {
		StringBuilder html = new StringBuilder(this.length + 64 * this.hooks.length + 256);
		for (int i = 0; i < this.hooks.length; i++) {
			html.append(this.texts[i]);
			this.hooks[i].write(html, viewer);
		}
		return html.append(this.texts[this.hooks.length]).toString();
	}

	/** The shared text alone, every hook empty (for tests). */
	String shared() {
		return String.join("", this.texts);
	}

	/** Lays out {@code week} of a rotation kept in {@code rotationZone}. */
	static GridHtml of(RotationWeek week, String rotationZone) {
		Writer out = new Writer();
		out.text("<caption>").escaped(week.title() + ", " + week.zone()).text("</caption>");
		if (week.view() == GridView.MONTH) {
			out.text("<thead><tr><th scope=\"col\">Mon</th><th scope=\"col\">Tue</th><th scope=\"col\">Wed</th>"
					+ "<th scope=\"col\">Thu</th><th scope=\"col\">Fri</th><th scope=\"col\">Sat</th>"
					+ "<th scope=\"col\">Sun</th></tr></thead>\n<tbody>\n");
			for (List<RotationWeek.Day> days : week.weeks()) {
				out.text("<tr>\n");
				for (RotationWeek.Day day : days) {
					out.text("<td");
					out.hook(new DayClass(day.date(),
							(day.inPeriod() ? "" : "outside ") + (day.weekend() ? "weekend " : "")));
					out.text("><div class=\"date\"><span>").escaped(day.label()).text("</span>");
					out.hook(new TodayTag(day.date()));
					out.text("</div>\n");
					parts(out, day.parts());
					out.text("</td>\n");
				}
				out.text("</tr>\n");
			}
			return out.text("</tbody>\n").done();
		}
		out.text("<thead><tr><th scope=\"col\">Day</th>");
		for (RotationWeek.Column column : week.columns()) {
			out.text("<th scope=\"col\"><span>").escaped(column.heading()).text("</span>");
			if (column.localHours() != null) {
				out.text("<span class=\"slot-origin\">").escaped(column.slot() + " " + rotationZone).text("</span>");
			}
			out.text("</th>");
		}
		out.text("</tr></thead>\n<tbody>\n");
		for (RotationWeek.Day day : week.days()) {
			out.text("<tr");
			out.hook(new DayClass(day.date(), day.weekend() ? "weekend " : ""));
			out.text(">\n<th scope=\"row\"><span>").escaped(day.label()).text("</span>");
			out.hook(new TodayTag(day.date()));
			out.text("</th>\n");
			for (RotationWeek.Cell cell : day.cells()) {
				out.text("<td");
				if (!cell.classes().isEmpty()) {
					out.text(" class=\"").escaped(cell.classes()).text("\"");
				}
				out.text(" data-slot=\"").escaped(cell.heading()).text("\">\n");
				parts(out, cell.parts());
				out.text("</td>\n");
			}
			out.text("</tr>\n");
		}
		return out.text("</tbody>\n").done();
	}

	private static void parts(Writer out, List<RotationWeek.Part> parts) {
		for (RotationWeek.Part part : parts) {
			out.text("<div class=\"").escaped(part.classes());
			out.hook(new PartClass(part.ownerId()));
			out.text("\" data-shift=\"" + part.shiftId() + "\">\n<span class=\"hours\">").escaped(part.hours());
			out.text("</span>\n<span class=\"owner\"");
			if (part.reason() != null) {
				out.text(" title=\"").escaped(part.reason()).text("\"");
			}
			out.text(" tabindex=\"0\">").escaped(part.shadow() ? "+ " + part.owner() + " (shadow)" : part.owner());
			out.text("</span>\n");
			out.hook(new You(part.ownerId()));
			if (part.weekdaysOnly()) {
				out.text("<span class=\"layer\">weekdays-only</span>\n");
			}
			if (part.draft()) {
				out.text("<span class=\"tag draft\" title=\"Draft: beyond the published schedule, may still change\">"
						+ "draft</span>\n");
			}
			if (part.continues()) {
				out.text("<span class=\"tag\">continues</span>\n");
			}
			if (part.fromPreviousDay()) {
				out.text("<span class=\"tag\">from previous day</span>\n");
			}
			out.hook(new Actions(part.shiftId(), part.gap(), part.start()));
			out.text("</div>\n");
		}
		if (parts.isEmpty()) {
			out.text("<span class=\"reason\">–</span>\n");
		}
	}

	/**
	 * As {@code th:text} and {@code th:attr} escape: the markup-significant characters.
	 */
	public static String escape(String text) {
		return HtmlEscape.escapeHtml(text, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
				HtmlEscapeLevel.LEVEL_0_ONLY_MARKUP_SIGNIFICANT_EXCEPT_APOS);
	}

	/** What is filled in per viewer at one place of the shared text. */
	private sealed interface Hook permits DayClass, TodayTag, PartClass, You, Actions {

		void write(StringBuilder html, Viewer viewer);

	}

	/** A day's class attribute: its fixed classes and "today". */
	private record DayClass(LocalDate date, String fixed) implements Hook {

		@Override
		public void write(StringBuilder html, Viewer viewer) {
			String classes = (this.fixed + (this.date.equals(viewer.today()) ? "today" : "")).strip();
			if (!classes.isEmpty()) {
				html.append(" class=\"").append(classes).append('"');
			}
		}

	}

	private record TodayTag(LocalDate date) implements Hook {

		@Override
		public void write(StringBuilder html, Viewer viewer) {
			if (this.date.equals(viewer.today())) {
				html.append("<span class=\"tag\">today</span>");
			}
		}

	}

	/** A part's personal classes, appended to its shared ones. */
	private record PartClass(Long ownerId) implements Hook {

		@Override
		public void write(StringBuilder html, Viewer viewer) {
			if (this.ownerId != null && this.ownerId == viewer.id()) {
				html.append(" mine");
			}
			if (this.ownerId != null && viewer.highlight().contains(this.ownerId)) {
				html.append(" highlight");
			}
		}

	}

	private record You(Long ownerId) implements Hook {

		@Override
		public void write(StringBuilder html, Viewer viewer) {
			if (this.ownerId != null && this.ownerId == viewer.id()) {
				html.append("<span class=\"tag mine\">you</span>\n");
			}
		}

	}

	/**
	 * What the viewer may do with a part: assign a future gap (coordinators), volunteer
	 * for an open cover (with this request's CSRF token) or read it.
	 */
	private record Actions(long shiftId, boolean gap, Instant start) implements Hook {

		@Override
		public void write(StringBuilder html, Viewer viewer) {
			if (this.gap && viewer.coordinator() && this.start.isAfter(viewer.now())) {
				html.append("<a class=\"gap-action\" href=\"")
					.append(viewer.contextPath())
					.append("/admin/gaps/")
					.append(this.shiftId)
					.append("\">assign</a>\n");
			}
			OpenCovers.Offer offer = viewer.offers().get(this.shiftId);
			if (offer == null) {
				return;
			}
			if (offer.canVolunteer()) {
				html.append("<form action=\"")
					.append(viewer.contextPath())
					.append("/swaps/")
					.append(offer.requestId())
					.append("/accept\" method=\"post\" class=\"inline volunteer\">");
				if (viewer.csrfParameter() != null) {
					html.append("<input type=\"hidden\" name=\"")
						.append(escape(viewer.csrfParameter()))
						.append("\" value=\"")
						.append(escape(viewer.csrfToken()))
						.append("\"/>");
				}
				html.append("\n<button type=\"submit\" title=\"")
					.append(this.gap ? "Nobody holds this shift: take it" : "Open to volunteers: take it")
					.append("\">volunteer</button>\n</form>\n");
			}
			else {
				html.append("<a class=\"reason\" href=\"")
					.append(viewer.contextPath())
					.append("/swaps/")
					.append(offer.requestId())
					.append("\">open to volunteers</a>\n");
			}
		}

	}

	/** Collects text and hooks, merging adjacent text. */
	private static final class Writer {

		private final List<String> texts = new ArrayList<>();

		private final List<Hook> hooks = new ArrayList<>();

		private final StringBuilder text = new StringBuilder();

		Writer text(String raw) {
			this.text.append(raw);
			return this;
		}

		Writer escaped(String value) {
			this.text.append(escape(value));
			return this;
		}

		void hook(Hook hook) {
			this.texts.add(this.text.toString());
			this.text.setLength(0);
			this.hooks.add(hook);
		}

		GridHtml done() {
			this.texts.add(this.text.toString());
			return new GridHtml(this.texts, this.hooks);
		}

	}

}
