package com.example.imoc.calendar;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;

/**
 * The coordinator's view of one person's secrets ({@code /admin/**} is coordinator-only):
 * every calendar feed URL (live and revoked, never the secret) and API token, each
 * revocable with a plain form. Revocations are audited with the coordinator as the actor.
 * A feed or token id that is not this person's is a 404.
 */
@Controller
@RequestMapping("/admin/people/{personId}/access")
class AccessAdminController {

	private final PersonRepository people;

	private final FeedTokens feeds;

	private final AccessTokens accessTokens;

	AccessAdminController(PersonRepository people, FeedTokens feeds, AccessTokens accessTokens) {
		this.people = people;
		this.feeds = feeds;
		this.accessTokens = accessTokens;
	}

	@GetMapping
	String page(@PathVariable long personId, Model model) {
		Person person = this.people.findById(personId).orElseThrow(() -> new PersonNotFoundException(personId));
		model.addAttribute("person", person);
		model.addAttribute("feeds", this.feeds.allOf(personId));
		model.addAttribute("tokens", this.accessTokens.of(personId));
		return "calendar/access";
	}

	@PostMapping("/feeds/{feedId}/revoke")
	String revokeFeed(@PathVariable long personId, @PathVariable long feedId,
			@AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		this.feeds.revokeOf(personId, feedId, me.id());
		redirect.addFlashAttribute("message",
				"Feed URL #" + feedId + " is revoked; calendars subscribed to it get 410 Gone.");
		return "redirect:/admin/people/" + personId + "/access";
	}

	@PostMapping("/tokens/{tokenId}/revoke")
	String revokeToken(@PathVariable long personId, @PathVariable long tokenId, RedirectAttributes redirect) {
		boolean known = this.accessTokens.of(personId).stream().anyMatch(token -> token.id() == tokenId);
		if (!known) {
			throw new FeedTokenNotFoundException(tokenId);
		}
		this.accessTokens.revoke(personId, tokenId);
		redirect.addFlashAttribute("message", "API token #" + tokenId + " is revoked.");
		return "redirect:/admin/people/" + personId + "/access";
	}

}
