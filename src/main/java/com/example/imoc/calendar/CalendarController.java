package com.example.imoc.calendar;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

/**
 * The subscribe page: a feed URL for my shifts and for each rotation, created, rotated
 * and revoked with plain forms. A new URL is shown once, right after it was made;
 * afterwards only when and by which client it was last fetched.
 */
@Controller
class CalendarController {

	/** One block of the page: a feed and my live URLs for it. */
	record FeedSection(String anchor, String title, String calendarName, String feed, Long rotationId,
			List<FeedToken> tokens) {
	}

	/** The URL made a moment ago, shown in its section once. */
	/**
	 * Shown once after a redirect, so it travels in the session (stored in PostgreSQL):
	 * serializable.
	 */
	record NewFeed(String anchor, long tokenId, FeedUrls.Links links) implements java.io.Serializable {
	}

	private final FeedTokens tokens;

	private final Rotations rotations;

	private final FeedUrls urls;

	CalendarController(FeedTokens tokens, Rotations rotations, FeedUrls urls) {
		this.tokens = tokens;
		this.rotations = rotations;
		this.urls = urls;
	}

	@GetMapping("/calendar")
	String page(@AuthenticationPrincipal SignedInPerson me, Model model, HttpServletRequest request) {
		this.urls.mismatch(request).ifPresent(used -> {
			model.addAttribute("reachedAt", used);
			model.addAttribute("baseUrl", this.urls.baseUrl());
		});
		List<FeedToken> mine = this.tokens.liveOf(me.id());
		List<FeedSection> sections = new ArrayList<>();
		sections.add(new FeedSection("feed-me", "My shifts", personalName(me), "me", null,
				mine.stream().filter(t -> t.kind() == FeedKind.PERSON).toList()));
		for (Rotation rotation : this.rotations.all()) {
			sections.add(new FeedSection("feed-rotation-" + rotation.id(), "Rotation " + rotation.name(),
					FeedKind.ROTATION.calendarName(rotation.name()), "rotation", rotation.id(),
					mine.stream()
						.filter(t -> t.kind() == FeedKind.ROTATION && rotation.id() == t.rotationId())
						.toList()));
		}
		model.addAttribute("sections", sections);
		return "calendar/feeds";
	}

	@PostMapping("/calendar/feeds")
	String create(@AuthenticationPrincipal SignedInPerson me, @RequestParam String feed,
			@RequestParam(required = false) Long rotationId, RedirectAttributes redirect) {
		if (feed.equals("me")) {
			return shown(this.tokens.create(me.id(), FeedKind.PERSON, null), me, redirect);
		}
		if (feed.equals("rotation") && rotationId != null) {
			Rotation rotation = this.rotations.find(rotationId)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			return shown(this.tokens.create(me.id(), FeedKind.ROTATION, rotation.id()), me, redirect);
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
	}

	@PostMapping("/calendar/feeds/{id}/rotate")
	String rotate(@AuthenticationPrincipal SignedInPerson me, @PathVariable long id, RedirectAttributes redirect) {
		FeedTokens.Created created = this.tokens.rotate(me.id(), id);
		redirect.addFlashAttribute("message", "The old URL no longer works. Give your calendar the new one below.");
		return shown(created, me, redirect);
	}

	@PostMapping("/calendar/feeds/{id}/revoke")
	String revoke(@AuthenticationPrincipal SignedInPerson me, @PathVariable long id, RedirectAttributes redirect) {
		this.tokens.revoke(me.id(), id);
		redirect.addFlashAttribute("message",
				"That feed URL is revoked: calendars subscribed to it stop updating and keep their last copy.");
		return "redirect:/calendar";
	}

	private String shown(FeedTokens.Created created, SignedInPerson me, RedirectAttributes redirect) {
		FeedToken token = created.token();
		String anchor = token.kind() == FeedKind.PERSON ? "feed-me" : "feed-rotation-" + token.rotationId();
		String name = token.kind() == FeedKind.PERSON ? personalName(me)
				: this.rotations.find(token.rotationId())
					.map(r -> FeedKind.ROTATION.calendarName(r.name()))
					.orElse("Rotation");
		redirect.addFlashAttribute("newFeed", new NewFeed(anchor, token.id(), this.urls.of(created.secret(), name)));
		return "redirect:/calendar#" + anchor;
	}

	private static String personalName(SignedInPerson me) {
		return FeedKind.PERSON.calendarName(me.name());
	}

}
