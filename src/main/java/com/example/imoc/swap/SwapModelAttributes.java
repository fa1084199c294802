package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * What this module adds to pages it does not own, so the schedule module and the layout
 * need not know about swaps: on the schedule page ({@code /rotations/{id}}) the open
 * covers the coordinator offered on its shifts (coverage gaps, special coverage days),
 * each with whether the viewer may volunteer for it; on {@code /} the requests waiting
 * for the reader's answer; on every page the count of those for the navigation.
 */
@ControllerAdvice(annotations = Controller.class)
class SwapModelAttributes {

	private static final Pattern ROTATION_PAGE = Pattern.compile("/rotations/(\\d{1,18})");

	/**
	 * How far ahead offers are looked up: covers are made for shifts within a rotation's
	 * horizon.
	 */
	private static final Duration AHEAD = Duration.ofDays(3 * 366);

	/** How many requests addressed to the reader {@code /} shows. */
	private static final int ON_HOME = 3;

	private final SwapRequests requests;

	private final SwapRules rules;

	private final WaitingSwaps waiting;

	private final Shifts shifts;

	private final PersonRepository people;

	SwapModelAttributes(SwapRequests requests, SwapRules rules, WaitingSwaps waiting, Shifts shifts,
			PersonRepository people) {
		this.requests = requests;
		this.rules = rules;
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

	/**
	 * An open cover on a shift of the page: the request to take, and whether the viewer
	 * may take it.
	 */
	record Offer(long requestId, boolean canVolunteer) {
	}

	/** Shift id to its offer; only on a rotation's schedule page. */
	@ModelAttribute("offers")
	Map<Long, Offer> offers(Authentication authentication, HttpServletRequest request) {
		if (!(authentication != null && authentication.getPrincipal() instanceof SignedInPerson me)
				|| !"GET".equals(request.getMethod())) {
			return null;
		}
		var matcher = ROTATION_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (!matcher.matches()) {
			return null;
		}
		Check check = this.rules.check();
		Instant now = check.now();
		Map<Long, Offer> offers = new HashMap<>();
		for (SwapRequest offer : this.requests.offersIn(Long.parseLong(matcher.group(1)), now, now.plus(AHEAD))) {
			boolean canVolunteer = this.rules.shift(offer.shiftId())
				.filter(shift -> !Long.valueOf(me.id()).equals(shift.assigneeId()))
				.filter(shift -> check.timing(shift, true).isEmpty())
				.map(shift -> check.problems(Move.whole(shift, me.id(), null)).isEmpty())
				.orElse(false);
			offers.put(offer.shiftId(), new Offer(offer.id(), canVolunteer));
		}
		return offers;
	}

	private List<ShiftView> found(List<Long> ids) {
		return ids.stream().map(this.shifts::find).flatMap(Optional::stream).toList();
	}

}
