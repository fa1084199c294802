package com.example.imoc.notify;

import java.time.Clock;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;

/**
 * The in-app inbox: your notices, newest first, unread ones marked. Only you can mark
 * yours read.
 */
@Controller
class InboxController {

	private final Inbox inbox;

	private final PersonRepository people;

	private final Clock clock;

	InboxController(Inbox inbox, PersonRepository people, Clock clock) {
		this.inbox = inbox;
		this.people = people;
		this.clock = clock;
	}

	@GetMapping("/notifications")
	String list(@AuthenticationPrincipal SignedInPerson me, Model model) {
		model.addAttribute("notifications", this.inbox.of(me.id()));
		model.addAttribute("zone",
				this.people.findById(me.id()).orElseThrow(() -> new PersonNotFoundException(me.id())).getTimeZone());
		model.addAttribute("page", Inbox.PAGE);
		return "notify/inbox";
	}

	@PostMapping("/notifications/{id}/read")
	String markRead(@AuthenticationPrincipal SignedInPerson me, @PathVariable long id) {
		long recipient = this.inbox.recipientOf(id)
			.orElseThrow(() -> new NotificationNotFoundException("No notification " + id));
		if (recipient != me.id()) {
			throw new AccessDeniedException("not your notification");
		}
		this.inbox.markRead(me.id(), id, this.clock.instant());
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/read-all")
	String markAllRead(@AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		int marked = this.inbox.markAllRead(me.id(), this.clock.instant());
		redirect.addFlashAttribute("message", marked == 0 ? "Nothing was unread." : "Marked " + marked + " as read.");
		return "redirect:/notifications";
	}

}
