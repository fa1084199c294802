package com.example.imoc.calendar;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonChanged;
import com.example.imoc.people.PersonRepository;

/**
 * When someone leaves (deactivated, or offboarded), their secret feed URLs and API tokens
 * are revoked in the same transaction as the change: a feed URL carries a year of the
 * schedule with colleagues' names and emails, and must not outlive its owner's access.
 * Synchronous on purpose (not after commit): a deactivation cannot commit without the
 * revocation. Look-ups also require an active owner ({@link FeedTokens#open}), so a URL
 * of someone deactivated by other means answers 410 all the same. Reactivating someone
 * does not bring old URLs back; they make new ones.
 */
@Component
class FeedsFollowThePerson {

	private final PersonRepository people;

	private final FeedTokens feeds;

	private final AccessTokens accessTokens;

	FeedsFollowThePerson(PersonRepository people, FeedTokens feeds, AccessTokens accessTokens) {
		this.people = people;
		this.feeds = feeds;
		this.accessTokens = accessTokens;
	}

	@EventListener
	@Transactional
	void on(PersonChanged event) {
		Person person = this.people.findById(event.personId()).orElse(null);
		if (person == null || person.isActive() && person.getOnboardingState() != OnboardingState.OFFBOARDED) {
			return;
		}
		String why = person.isActive() ? "offboarded" : "deactivated";
		this.feeds.revokeAllOf(person.getId(), "the person was " + why);
		this.accessTokens.of(person.getId())
			.stream()
			.filter(token -> token.revokedAt() == null)
			.forEach(token -> this.accessTokens.revoke(person.getId(), token.id()));
	}

}
