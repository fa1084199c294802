package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * What this module adds to the schedule page it does not own ({@code /rotations/{id}}),
 * so the schedule module need not know about swaps: the open covers the coordinator
 * offered on its shifts (coverage gaps, special coverage days), each with whether the
 * viewer may volunteer for it.
 */
@ControllerAdvice(annotations = Controller.class)
class SwapModelAttributes {

	private static final Pattern ROTATION_PAGE = Pattern.compile("/rotations/(\\d{1,18})");

	/**
	 * How far ahead offers are looked up: covers are made for shifts within a rotation's
	 * horizon.
	 */
	private static final Duration AHEAD = Duration.ofDays(3 * 366);

	private final SwapRequests requests;

	private final SwapRules rules;

	SwapModelAttributes(SwapRequests requests, SwapRules rules) {
		this.requests = requests;
		this.rules = rules;
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

}
