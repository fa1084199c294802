package com.example.imoc.notify;

import java.time.Clock;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.incident.Incidents;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonNotFoundException;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * The handover note of a shift: the outgoing IM (or the coordinator) writes it for
 * whoever takes over; both of them and the coordinator can read it.
 */
@Controller
class HandoverController {

	private final Shifts shifts;

	private final Handoffs handoffs;

	private final PersonRepository people;

	private final Clock clock;

	private final Incidents incidents;

	HandoverController(Shifts shifts, Handoffs handoffs, PersonRepository people, Incidents incidents, Clock clock) {
		this.incidents = incidents;
		this.shifts = shifts;
		this.handoffs = handoffs;
		this.people = people;
		this.clock = clock;
	}

	@GetMapping("/handover/{shiftId}")
	String show(@AuthenticationPrincipal SignedInPerson me, @PathVariable long shiftId, Model model) {
		ShiftView shift = shift(shiftId);
		ShiftView next = this.handoffs.successor(shift).orElse(null);
		boolean mayWrite = mayWrite(me, shift);
		if (!mayWrite && (next == null || next.assigneeId() == null || next.assigneeId() != me.id())) {
			throw new AccessDeniedException("not your handover");
		}
		model.addAttribute("shift", shift);
		model.addAttribute("next", next);
		model.addAttribute("note", this.handoffs.latestNote(shiftId).orElse(null));
		model.addAttribute("incidents", this.incidents.openDuring(shift.start(), shift.end()));
		model.addAttribute("mayWrite", mayWrite);
		model.addAttribute("longest", Handoffs.LONGEST_NOTE);
		model.addAttribute("zone", me(me).getTimeZone());
		return "notify/handover";
	}

	@PostMapping("/handover/{shiftId}")
	String write(@AuthenticationPrincipal SignedInPerson me, @PathVariable long shiftId,
			@RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		ShiftView shift = shift(shiftId);
		if (!mayWrite(me, shift)) {
			throw new AccessDeniedException("only the outgoing IM or the coordinator writes the handover");
		}
		if (note.isBlank() || note.strip().length() > Handoffs.LONGEST_NOTE) {
			redirect.addFlashAttribute("noteError",
					"Write the handover in 1 to " + Handoffs.LONGEST_NOTE + " characters.");
			redirect.addFlashAttribute("draft", note);
			return "redirect:/handover/" + shiftId;
		}
		this.handoffs.write(shift, me(me), note, this.clock.instant());
		redirect.addFlashAttribute("message", "Handover note saved; whoever takes over sees it on their home page.");
		return "redirect:/handover/" + shiftId;
	}

	private ShiftView shift(long shiftId) {
		return this.shifts.find(shiftId)
			.filter(s -> !s.isCancelled())
			.orElseThrow(() -> new NotificationNotFoundException("No shift " + shiftId));
	}

	private static boolean mayWrite(SignedInPerson me, ShiftView shift) {
		return me.isCoordinator() || (shift.assigneeId() != null && shift.assigneeId() == me.id());
	}

	private Person me(SignedInPerson me) {
		return this.people.findById(me.id()).orElseThrow(() -> new PersonNotFoundException(me.id()));
	}

}
