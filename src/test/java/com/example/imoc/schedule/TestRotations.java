package com.example.imoc.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.rotation.Rotations.NewRotation;
import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;
import com.example.imoc.rotation.Rotations.NewRotation.SlotSpec;

/**
 * Builds rotations for tests: the real IMOC shape by default, with a unique name so tests
 * sharing a database never see each other's shifts.
 */
@Component
public class TestRotations {

	public static final List<SlotSpec> IMOC_SLOTS = List.of(slot("23:00", "05:00"), slot("05:00", "11:00"),
			slot("11:00", "15:00"), slot("15:00", "19:00"), slot("19:00", "23:00"));

	private final Rotations rotations;

	private final TestPeople people;

	private final PersonRepository personRepository;

	TestRotations(Rotations rotations, TestPeople people, PersonRepository personRepository) {
		this.rotations = rotations;
		this.people = people;
		this.personRepository = personRepository;
	}

	public static SlotSpec slot(String start, String end) {
		return new SlotSpec(start + "-" + end, LocalTime.parse(start), LocalTime.parse(end));
	}

	public Rotation imocLike(String zone, int horizonWeeks, List<SlotSpec> slots) {
		long id = this.rotations.create(new NewRotation("Test " + UUID.randomUUID().toString().substring(0, 8),
				ZoneId.of(zone), 4, LocalDate.of(2026, 1, 5), Duration.ofHours(8), horizonWeeks, 1, 90, slots,
				List.of(new LayerSpec("weekdays and weekends", EnumSet.allOf(DayOfWeek.class), 0),
						new LayerSpec("weekdays-only", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 1))));
		return this.rotations.find(id).orElseThrow();
	}

	public Rotation imocLike(int horizonWeeks) {
		return imocLike("UTC", horizonWeeks, IMOC_SLOTS);
	}

	/** Adds {@code count} eligible managers to the all-days layer. */
	public List<Person> staff(Rotation rotation, int count) {
		List<Person> staff = new ArrayList<>();
		long layer = rotation.layer("weekdays and weekends").orElseThrow().id();
		for (int i = 0; i < count; i++) {
			Person person = this.people.manager("Rota Person" + i);
			this.rotations.join(rotation.id(), person.getId(), layer);
			staff.add(person);
		}
		return staff;
	}

	/**
	 * Adds one participant who may not hold shifts (already on a fast-response on-call),
	 * so every shift the rotation plans is a coverage gap with a reason. A rotation
	 * nobody has joined is not planned at all.
	 */
	public Person nobodyWhoCanServe(Rotation rotation) {
		Person person = this.people.manager("Fast Oncall");
		person.setOnFastOncall(true);
		person = this.personRepository.save(person);
		this.rotations.join(rotation.id(), person.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		return person;
	}

	static Set<DayOfWeek> weekdays() {
		return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
	}

}
