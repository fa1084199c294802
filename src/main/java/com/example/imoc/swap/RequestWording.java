package com.example.imoc.swap;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.example.imoc.schedule.ShiftView;

/**
 * A request told to the person reading it, in their zone: to the requester "You give … /
 * You get …", to the counterpart "Olga asks you to take …", to someone offered an open
 * cover "Olga offers …", and to the coordinator (or anyone else allowed to look) in the
 * third person.
 *
 * @param headline one sentence saying what is asked of whom
 * @param lines what each side gives and gets
 */
record RequestWording(String headline, List<Line> lines) {

	/** "You give" and the shift, for a definition list. */
	record Line(String label, String text) {
	}

	/**
	 * The wording of a request for this reader: one shift by its hours (or the part asked
	 * for), a set (a whole block, a range) by its count, first and last shift.
	 */
	static RequestWording of(SwapRequest request, List<ShiftView> givenSet, List<ShiftView> takenSet, long readerId,
			boolean coordinator, ZoneId zone) {
		String given = givenSet.isEmpty() ? "a shift that no longer exists"
				: givenSet.size() > 1 ? describe(givenSet, zone)
						: describe(givenSet.get(0), request.isPartial() ? request.partStart() : null,
								request.isPartial() ? request.partEnd() : null, zone);
		String taken = takenSet.isEmpty() ? null
				: takenSet.size() > 1 ? describe(takenSet, zone) : describe(takenSet.get(0), null, null, zone);
		String requester = request.requesterName();
		String counterpart = request.counterpartName();
		List<Line> lines = new ArrayList<>();
		String headline;
		if (request.requesterId() == readerId) {
			switch (request.kind()) {
				case SWAP -> {
					headline = "You asked " + counterpart + " to swap shifts with you.";
					lines.add(new Line("You give", given));
					lines.add(new Line("You get", taken == null ? "their shift, which no longer exists" : taken));
				}
				case COVER -> {
					headline = "You asked " + counterpart + " to take a shift of yours.";
					lines.add(new Line("You give", given));
					lines.add(new Line("You get", "nothing in return: " + counterpart + " covers for you"));
				}
				default -> {
					headline = request.forGap() ? "You offered a coverage gap to anyone eligible."
							: "You offered a shift to anyone eligible; the first to take it gets it.";
					lines.add(new Line(request.forGap() ? "Offered" : "You give", given));
					lines.add(new Line("To", "anyone eligible (first to take it)"));
				}
			}
		}
		else if (request.counterpartId() != null && request.counterpartId() == readerId) {
			if (request.kind() == SwapKind.SWAP) {
				headline = requester + " asks you to swap shifts.";
				lines.add(new Line("You get", given));
				lines.add(new Line("You give", taken == null ? "your shift, which no longer exists" : taken));
			}
			else {
				headline = requester + " asks you to take " + given + ".";
				lines.add(new Line("You get", given));
				lines.add(new Line("You give", "nothing in return: you cover for " + requester));
			}
		}
		else if (request.kind() == SwapKind.OPEN_COVER && !coordinator) {
			headline = request.forGap() ? "A coverage gap needs someone: " + given + "."
					: requester + " offers " + given + " to whoever takes it first.";
			lines.add(new Line("You get", given));
			lines.add(new Line("To", "anyone eligible (first to take it)"));
		}
		else {
			switch (request.kind()) {
				case SWAP -> {
					headline = requester + " and " + counterpart + " swap shifts.";
					lines.add(new Line(requester + " gives", given));
					lines
						.add(new Line(counterpart + " gives", taken == null ? "a shift that no longer exists" : taken));
				}
				case COVER -> {
					headline = requester + " asks " + counterpart + " to take " + given + ".";
					lines.add(new Line(requester + " gives", given));
					lines.add(new Line(counterpart + " gives", "nothing in return (a cover)"));
				}
				default -> {
					headline = request.forGap()
							? "The coordinator " + requester + " offers a coverage gap to anyone eligible."
							: requester + " offers a shift to anyone eligible; the first to take it gets it.";
					lines.add(new Line(request.forGap() ? "Offered" : requester + " gives", given));
					lines.add(new Line("To", "anyone eligible (first to take it)"));
				}
			}
		}
		return new RequestWording(headline, List.copyOf(lines));
	}

	/**
	 * "the IMOC shift Thu 3 Dec, 23:00–08:00 (Asia/Kolkata)", or for a part "Thu 3 Dec,
	 * 01:00–04:00 (Asia/Kolkata), part of the IMOC shift Thu 3 Dec, 23:00–08:00".
	 */
	static String describe(ShiftView shift, Instant partStart, Instant partEnd, ZoneId zone) {
		if (partStart != null && partEnd != null) {
			return ShiftTimes.spanInZone(partStart, partEnd, zone) + ", part of the " + shift.rotationName() + " shift "
					+ ShiftTimes.span(shift.start(), shift.end(), zone);
		}
		return "the " + shift.rotationName() + " shift " + ShiftTimes.spanInZone(shift.start(), shift.end(), zone);
	}

	/**
	 * "the 4 IMOC shifts from Thu 3 Dec, 23:00–08:00 to Sun 6 Dec, 23:00–08:00
	 * (Asia/Kolkata)".
	 */
	static String describe(List<ShiftView> set, ZoneId zone) {
		ShiftView first = set.get(0);
		ShiftView last = set.get(set.size() - 1);
		return "the " + set.size() + " " + first.rotationName() + " shifts from "
				+ ShiftTimes.span(first.start(), first.end(), zone) + " to "
				+ ShiftTimes.spanInZone(last.start(), last.end(), zone);
	}

}
