package com.example.imoc.notify;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.schedule.SchedulePublished;
import com.example.imoc.schedule.ShiftView;

/**
 * Tells each person, once, which of their shifts a publication made final: one notice
 * (inbox and mail) per person listing them in their own zone, written in the publishing
 * transaction. The dedupe key (rotation and boundary) keeps a repeated publication of the
 * same range from telling anyone twice.
 */
@Service
class PublishedShiftNotices {

	private final Notifications notifications;

	private final PersonRepository people;

	PublishedShiftNotices(Notifications notifications, PersonRepository people) {
		this.notifications = notifications;
		this.people = people;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(SchedulePublished event) {
		Map<Long, List<ShiftView>> byOwner = event.shifts()
			.stream()
			.collect(Collectors.groupingBy(ShiftView::assigneeId, LinkedHashMap::new, Collectors.toList()));
		LocalDate until = LocalDate.ofInstant(event.until(), ZoneOffset.UTC);
		for (Person person : this.people.findAllById(byOwner.keySet())) {
			if (!person.isActive()) {
				continue;
			}
			List<ShiftView> mine = byOwner.get(person.getId());
			StringBuilder body = new StringBuilder("The coordinator published the ").append(event.rotationName())
				.append(" schedule up to Monday ")
				.append(until)
				.append(" 00:00 UTC. ")
				.append(mine.size() == 1 ? "This shift of yours is" : "These " + mine.size() + " shifts of yours are")
				.append(" now final (times in ")
				.append(person.getTimeZone())
				.append("):\n");
			for (ShiftView shift : mine) {
				body.append("- ")
					.append(shift.slot())
					.append(", ")
					.append(LocalTimes.span(shift.start(), shift.end(), person.zone()))
					.append(shift.shadow() ? " (shadow)" : "")
					.append('\n');
			}
			body.append("Swap or give one away from My shifts if it does not suit you.");
			this.notifications.sendOnce(
					new Notice(person.getId(), "schedule.published",
							"Your " + event.rotationName() + " shifts up to " + until + " are published (" + mine.size()
									+ ")",
							body.toString(), "/my/shifts"),
					"schedule-published:" + event.rotationId() + ":" + until);
		}
	}

}
