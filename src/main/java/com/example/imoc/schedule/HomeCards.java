package com.example.imoc.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.example.imoc.schedule.view.GridHtml;
import com.example.imoc.web.layout.TemplateTimes;

/**
 * The rotation cards of {@code /} (who is on call in each rotation, who shadows, the next
 * handoff) rendered to HTML once per shared {@link HomeBoard.Board} and viewer zone, and
 * shared by every viewer in that zone (issue 17). A board stands for one data generation
 * and one minute, and ends at the next handoff, so the cards change with the data and
 * with the time; "in 2 h" is counted from the board's minute. Nothing personal is in
 * them: the viewer's own next shift, the handover note and the requests waiting for them
 * are rendered per request by the template. At most
 * {@code imoc.schedule.home-cards-zones} zones are kept; past that, the oldest board's
 * renderings go first (all are dropped at once: they are small and re-made in
 * microseconds).
 */
@Component
class HomeCards {

	private final TemplateTimes times;

	private final int maxZones;

	/** By viewer zone: the cards of the last board rendered for it. */
	private final Map<ZoneId, Rendered> byZone = new ConcurrentHashMap<>();

	private record Rendered(HomeBoard.Board board, String html) {
	}

	HomeCards(TemplateTimes times, @Value("${imoc.schedule.home-cards-zones:64}") int maxZones) {
		this.times = times;
		this.maxZones = Math.max(1, maxZones);
	}

	/** The cards of {@code board} for a viewer in {@code zone}. */
	String html(HomeBoard.Board board, ZoneId zone, String contextPath) {
		Rendered known = this.byZone.get(zone);
		if (known != null && known.board() == board) {
			return known.html();
		}
		String html = render(board, zone, contextPath);
		if (board.stamp() >= 0) {
			if (this.byZone.size() >= this.maxZones && !this.byZone.containsKey(zone)) {
				this.byZone.clear();
			}
			this.byZone.put(zone, new Rendered(board, html));
		}
		return html;
	}

	/** How many zones' cards are kept (for tests). */
	int size() {
		return this.byZone.size();
	}

	private String render(HomeBoard.Board board, ZoneId zone, String contextPath) {
		StringBuilder html = new StringBuilder(1024);
		LocalDate nextWeek = LocalDate.ofInstant(board.minute(), zone).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		for (HomeBoard.RotationBoard row : board.rotations()) {
			long id = row.rotation().id();
			html.append("<article class=\"card\">\n<h2><a href=\"")
				.append(contextPath)
				.append("/rotations/")
				.append(id)
				.append("\">")
				.append(escape(row.rotation().name()))
				.append("</a></h2>\n");
			if (row.onCall().isEmpty()) {
				html.append("<div class=\"gap\">Nobody is on call right now.</div>\n");
			}
			for (ShiftView s : row.onCall()) {
				html.append("<div class=\"oncall\">\n<p class=\"who")
					.append(s.isGap() ? " gap" : "")
					.append("\">\n")
					.append(s.isGap() ? "<span>Coverage gap: nobody</span>"
							: "<span>" + escape(s.assigneeName()) + "</span>")
					.append("\n</p>\n<p class=\"reason\"><span>")
					.append(escape(s.slot() + " " + s.rotationZone()))
					.append("</span> · <span>")
					.append(escape(s.layer()))
					.append("</span>\n · until <time datetime=\"")
					.append(s.end())
					.append("\">")
					.append(this.times.clock(s.end(), zone.getId()))
					.append("</time> your time</p>\n</div>\n");
			}
			for (ShiftView s : row.shadows()) {
				html.append("<p class=\"reason\">Shadow: <span>")
					.append(escape(s.assigneeName()))
					.append("</span></p>\n");
			}
			ShiftView next = row.next();
			if (next != null) {
				html.append("<p>Next handoff <strong>")
					.append(ScheduleController.until(board.minute(), next.start()))
					.append("</strong>\n(<time datetime=\"")
					.append(next.start())
					.append("\">")
					.append(escape(this.times.human(next.start(), zone)))
					.append("</time>) to\n<strong>")
					.append(next.isGap() ? "nobody (gap)" : escape(next.assigneeName()))
					.append("</strong>");
				if (next.isDraft()) {
					html.append(
							"<span class=\"tag draft\" title=\"Draft: beyond the published schedule, may still change\">"
									+ "draft</span>");
				}
				html.append(".</p>\n");
			}
			html.append("<p><a class=\"next-week\" href=\"")
				.append(contextPath)
				.append("/rotations/")
				.append(id)
				.append("?from=")
				.append(nextWeek)
				.append("\">Who is on call next week</a></p>\n</article>\n");
		}
		return html.toString();
	}

	private static String escape(String text) {
		return text == null ? "" : GridHtml.escape(text);
	}

}
