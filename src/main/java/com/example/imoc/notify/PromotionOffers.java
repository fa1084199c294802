package com.example.imoc.notify;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.example.imoc.incident.ShadowingReached;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Role;

/**
 * Offers the coordinators a shadow's promotion once they have shadowed enough incidents:
 * one notice per coordinator and shadow ({@code promotion-offer:<person>}), written in
 * the transaction that recorded the incident, so later incidents do not repeat it.
 */
@Component
class PromotionOffers {

	private final Notifications notifications;

	private final PersonRepository people;

	PromotionOffers(Notifications notifications, PersonRepository people) {
		this.notifications = notifications;
		this.people = people;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(ShadowingReached event) {
		for (Person coordinator : this.people.findByRoleAndActiveTrueOrderByNameAsc(Role.COORDINATOR)) {
			this.notifications.sendOnce(new Notice(coordinator.getId(), "onboarding.ready",
					event.name() + " is ready for the reverse shadow",
					event.name() + " has shadowed " + event.shadowed() + " incidents (" + event.needed()
							+ " needed). Promote them to reverse shadow on their roster page: they will then hold"
							+ " whole blocks with an IM beside them.",
					"/admin/people/" + event.personId()), "promotion-offer:" + event.personId());
		}
	}

}
