package com.example.imoc.swap;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * What this module adds to pages it does not own, so the schedule module and the layout
 * need not know about swaps: on {@code /} the requests waiting for the reader's answer;
 * on every page the count of those for the navigation. (The open covers on a rotation's
 * schedule page come from {@link OpenCoverOffers}.)
 */
@ControllerAdvice(annotations = Controller.class)
class SwapModelAttributes {

	/** How many requests addressed to the reader {@code /} shows. */
	private static final int ON_HOME = 3;

	private final SwapRequests requests;

	private final WaitingSwaps waiting;

	private final Shifts shifts;

	private final PersonRepository people;

	SwapModelAttributes(SwapRequests requests, WaitingSwaps waiting, Shifts shifts, PersonRepository people) {
		this.requests = requests;
		this.waiting = waiting;
		this.shifts = shifts;
		this.people = people;
	}

	/**
	 * The navigation's count on the Swaps item: requests waiting for the reader's answer
	 * (and approval, for the coordinator). Not on error pages: they must render when the
	 * database is what failed.
	 */
	@ModelAttribute("swapsWaiting")
	Integer swapsWaiting(Authentication authentication, HttpServletRequest request) {
		return authentication != null && authentication.getPrincipal() instanceof SignedInPerson me
				&& request.getDispatcherType() != DispatcherType.ERROR ? this.waiting.waitingFor(me) : null;
	}

	/** A request addressed to the reader, told to them, with the way to answer it. */
	record ForMe(long requestId, String headline) {
	}

	/** On {@code /}: the oldest requests waiting for the reader's answer. */
	@ModelAttribute("swapsForMe")
	List<ForMe> swapsForMe(Authentication authentication, HttpServletRequest request) {
		if (!(authentication != null && authentication.getPrincipal() instanceof SignedInPerson me)
				|| !"GET".equals(request.getMethod()) || request.getDispatcherType() == DispatcherType.ERROR
				|| !"/".equals(request.getRequestURI().substring(request.getContextPath().length()))
				|| this.waiting.waitingFor(me) == 0) {
			return null;
		}
		ZoneId zone = this.people.findById(me.id()).map(Person::zone).orElse(ZoneId.of("UTC"));
		List<ForMe> forMe = new ArrayList<>();
		for (long id : this.waiting.addressedTo(me.id(), ON_HOME)) {
			this.requests.find(id)
				.ifPresent(asked -> forMe.add(new ForMe(id,
						RequestWording
							.of(asked, found(asked.givenShiftIds()), found(asked.takenShiftIds()), me.id(),
									me.isCoordinator(), zone)
							.headline())));
		}
		return forMe;
	}

	private List<ShiftView> found(List<Long> ids) {
		return ids.stream().map(this.shifts::find).flatMap(Optional::stream).toList();
	}

}
