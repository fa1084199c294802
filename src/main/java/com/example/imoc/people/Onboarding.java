package com.example.imoc.people;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditDiff;
import com.example.imoc.audit.AuditLog;

/**
 * The way into the rotation: shadow at least {@link ShadowedIncidents#needed()}
 * incidents, then a reverse shadow (holding the pager with an IM beside), then live. The
 * count is derived from the recorded incidents and the shadow shifts, never kept by hand;
 * the coordinator moves a shadow on once it is reached.
 */
@Service
public class Onboarding {

	private final PersonRepository people;

	private final ShadowedIncidents shadowed;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	Onboarding(PersonRepository people, ShadowedIncidents shadowed, AuditLog auditLog,
			ApplicationEventPublisher events) {
		this.people = people;
		this.shadowed = shadowed;
		this.auditLog = auditLog;
		this.events = events;
	}

	/** A shadow's way to the reverse shadow. */
	public record Progress(long personId, int shadowed, int needed) {

		public boolean ready() {
			return this.shadowed >= this.needed;
		}

	}

	/** Every active shadow's progress, by person id. */
	@Transactional(readOnly = true)
	public Map<Long, Progress> shadows() {
		List<Person> shadows = this.people.search("", null, OnboardingState.SHADOW)
			.stream()
			.filter(Person::isActive)
			.toList();
		Map<Long, Integer> counts = this.shadowed.counts(shadows.stream().map(Person::getId).toList());
		int needed = this.shadowed.needed();
		Map<Long, Progress> progress = new LinkedHashMap<>();
		shadows
			.forEach(p -> progress.put(p.getId(), new Progress(p.getId(), counts.getOrDefault(p.getId(), 0), needed)));
		return progress;
	}

	/** Why a promotion was refused, in a sentence for the coordinator. */
	public static class PromotionRefused extends RuntimeException {

		PromotionRefused(String message) {
			super(message);
		}

	}

	/**
	 * Moves a shadow who has shadowed enough incidents on to reverse shadow: from now on
	 * the assigner gives them whole blocks with an IM beside them, and repair takes them
	 * off the shadow rows they still had.
	 * @throws PromotionRefused when they are not a shadow (any more) or have not shadowed
	 * enough incidents yet
	 */
	@Transactional
	public Person promoteToReverseShadow(long id) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (person.getOnboardingState() != OnboardingState.SHADOW || !person.isActive()) {
			throw new PromotionRefused(person.getName() + " is not a shadow (onboarding: "
					+ person.getOnboardingState().label() + "), so there is nothing to promote.");
		}
		int count = this.shadowed.counts(List.of(id)).getOrDefault(id, 0);
		int needed = this.shadowed.needed();
		if (count < needed) {
			throw new PromotionRefused(person.getName() + " has shadowed " + count + " of the " + needed
					+ " incidents a shadow needs before the reverse shadow.");
		}
		person.setOnboardingState(OnboardingState.REVERSE_SHADOW);
		this.auditLog.record("person.promoted", "person", id,
				AuditDiff.change("onboardingState", OnboardingState.SHADOW.label(),
						OnboardingState.REVERSE_SHADOW.label()) + " (" + count + " incidents shadowed)");
		this.events.publishEvent(new PersonChanged(id));
		return person;
	}

}
