package com.example.imoc.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.ShadowedIncidents;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * Incidents shadowed, derived from the data: an incident counts for a trainee when it
 * paged the IMOC (an instant of {@link Incident#pagedAt()}) while the trainee held a live
 * shadow row of the IMOC rotation. IMs are paged for S1 and S2, so those are the
 * incidents a shadow sees handled; an S3 or S4 counts only if the IMOC was paged for it.
 * Each incident counts once however many pages it sent.
 */
@Service
class Shadowing implements ShadowedIncidents {

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private final Shifts shifts;

	private final IncidentPages pages;

	private final PersonRepository people;

	private final AvailabilitySettings availability;

	private final OnboardingSettings onboarding;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Shadowing(Shifts shifts, IncidentPages pages, PersonRepository people, AvailabilitySettings availability,
			OnboardingSettings onboarding, ApplicationEventPublisher events, Clock clock) {
		this.shifts = shifts;
		this.pages = pages;
		this.people = people;
		this.availability = availability;
		this.onboarding = onboarding;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public int needed() {
		return this.onboarding.shadowIncidents();
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, Integer> counts(Collection<Long> personIds) {
		Map<Long, Integer> counts = new HashMap<>();
		for (long personId : Set.copyOf(personIds)) {
			List<ShiftView> shadowed = this.shifts.ofPerson(personId, EARLIEST, this.clock.instant())
				.stream()
				.filter(s -> s.shadow() && s.rotationName().equals(this.availability.imocRotation()))
				.toList();
			if (shadowed.isEmpty()) {
				continue;
			}
			Instant from = shadowed.stream().map(ShiftView::start).min(Comparator.naturalOrder()).orElseThrow();
			Instant to = shadowed.stream().map(ShiftView::end).max(Comparator.naturalOrder()).orElseThrow();
			long incidents = this.pages.between(from, to)
				.stream()
				.filter(page -> shadowed.stream().anyMatch(s -> s.covers(page.at())))
				.map(IncidentPages.Paged::incidentId)
				.distinct()
				.count();
			counts.put(personId, (int) incidents);
		}
		return counts;
	}

	/**
	 * After an incident was recorded or changed: tells listeners about every shadow who
	 * was shadowing when it paged and has now shadowed enough incidents.
	 */
	@Transactional
	void incidentRecorded(Incident incident) {
		Set<Long> riding = incident.pagedAt()
			.stream()
			.flatMap(at -> this.shifts.runningAt(at).stream())
			.filter(s -> s.shadow() && !s.isGap() && s.rotationName().equals(this.availability.imocRotation()))
			.map(ShiftView::assigneeId)
			.collect(Collectors.toSet());
		if (riding.isEmpty()) {
			return;
		}
		List<Person> shadows = this.people.findAllById(riding)
			.stream()
			.filter(p -> p.isActive() && p.getOnboardingState() == OnboardingState.SHADOW)
			.sorted(Comparator.comparing(Person::getId))
			.toList();
		Map<Long, Integer> counts = counts(shadows.stream().map(Person::getId).toList());
		for (Person shadow : shadows) {
			int count = counts.getOrDefault(shadow.getId(), 0);
			if (count >= needed()) {
				this.events.publishEvent(new ShadowingReached(shadow.getId(), shadow.getName(), count, needed()));
			}
		}
	}

}
