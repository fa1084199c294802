package com.example.imoc.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.example.imoc.people.JobTitle;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Region;
import com.example.imoc.people.Role;

/**
 * The demo organisation: a coordinator and forty people across the ladder and three
 * regions. Fixed data, so every demo looks the same; tenure is relative to today so
 * eligibility stays interesting.
 */
final class DemoPeople {

	static final String COORDINATOR_EMAIL = "coordinator@example.com";

	/**
	 * The IMOC slots in UTC (DOMAIN.md); demo people prefer the ones that fall in their
	 * working day.
	 */
	static final List<String> SLOTS = List.of("23:00-05:00", "05:00-11:00", "11:00-15:00", "15:00-19:00",
			"19:00-23:00");

	private record Seed(String name, JobTitle title, int grade, String zone, Region region, int monthsAgo,
			String managerName, OnboardingState state, boolean weekdaysOnly, String special) {
	}

	private static final List<Seed> SEEDS = List.of(
			seed("Maria Alvarez", JobTitle.DIRECTOR_OF_ENGINEERING, 10, "America/New_York", Region.AMER, 60, null,
					"opted-in"),
			seed("Kenji Tanaka", JobTitle.DIRECTOR_OF_ENGINEERING, 10, "Asia/Tokyo", Region.APAC, 48, null, ""),
			seed("Sophie Laurent", JobTitle.DIRECTOR_OF_ENGINEERING, 10, "Europe/Paris", Region.EMEA, 55, null, ""),
			seed("David Okafor", JobTitle.SENIOR_ENGINEERING_MANAGER, 9, "Europe/London", Region.EMEA, 40,
					"Sophie Laurent", ""),
			seed("Priya Raman", JobTitle.SENIOR_ENGINEERING_MANAGER, 9, "Asia/Kolkata", Region.APAC, 36, "Kenji Tanaka",
					""),
			seed("Tom Becker", JobTitle.SENIOR_ENGINEERING_MANAGER, 9, "Europe/Berlin", Region.EMEA, 30,
					"Sophie Laurent", ""),
			seed("Rachel Kim", JobTitle.SENIOR_ENGINEERING_MANAGER, 9, "America/Los_Angeles", Region.AMER, 44,
					"Maria Alvarez", ""),
			seed("Lucas Silva", JobTitle.SENIOR_ENGINEERING_MANAGER, 9, "America/Sao_Paulo", Region.AMER, 28,
					"Maria Alvarez", ""),
			seed("Jane Doe", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Europe/London", Region.EMEA, 26, "David Okafor",
					""),
			seed("Ahmed Hassan", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Africa/Cairo", Region.EMEA, 20,
					"David Okafor", ""),
			seed("Emma Johansson", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "Europe/Stockholm", Region.EMEA, 18,
					"Tom Becker", ""),
			seed("Lars Nielsen", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "Europe/Copenhagen", Region.EMEA, 22,
					"Tom Becker", "weekdays-only"),
			seed("Olga Petrova", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Europe/Warsaw", Region.EMEA, 15,
					"Tom Becker", ""),
			seed("Grace Mwangi", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "Africa/Nairobi", Region.EMEA, 14,
					"David Okafor", ""),
			seed("Pedro Costa", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "Europe/Lisbon", Region.EMEA, 12,
					"David Okafor", ""),
			seed("Anna Rossi", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Europe/Rome", Region.EMEA, 9, "Tom Becker",
					"weekdays-only"),
			seed("Sven Muller", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Europe/Berlin", Region.EMEA, 2, "Tom Becker",
					"new"),
			seed("Hiroshi Sato", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Asia/Tokyo", Region.APAC, 30, "Priya Raman",
					""),
			seed("Mei Chen", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "Asia/Singapore", Region.APAC, 24, "Priya Raman",
					""),
			seed("Arjun Mehta", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "Asia/Kolkata", Region.APAC, 16,
					"Priya Raman", ""),
			seed("Chloe Wilson", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Australia/Sydney", Region.APAC, 21,
					"Priya Raman", ""),
			seed("Liam Brown", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "Pacific/Auckland", Region.APAC, 13,
					"Priya Raman", "weekdays-only"),
			seed("Nur Aziz", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Asia/Jakarta", Region.APAC, 11, "Priya Raman",
					""),
			seed("Min-jun Park", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "Asia/Seoul", Region.APAC, 5, "Priya Raman",
					"shadow"),
			seed("John Smith", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "America/New_York", Region.AMER, 34,
					"Rachel Kim", ""),
			seed("Emily Davis", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "America/Chicago", Region.AMER, 27,
					"Rachel Kim", ""),
			seed("Carlos Mendoza", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "America/Mexico_City", Region.AMER, 19,
					"Lucas Silva", ""),
			seed("Sarah Miller", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "America/Denver", Region.AMER, 17,
					"Rachel Kim", ""),
			seed("Michael Chen", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "America/Los_Angeles", Region.AMER, 23,
					"Rachel Kim", ""),
			seed("Isabela Santos", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "America/Sao_Paulo", Region.AMER, 10,
					"Lucas Silva", "weekdays-only"),
			seed("Noah Taylor", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "America/Toronto", Region.AMER, 8,
					"Rachel Kim", ""),
			seed("Olivia Martin", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "America/New_York", Region.AMER, 6,
					"Rachel Kim", "reverse-shadow"),
			seed("Ethan Clark", JobTitle.FRONTEND_ENGINEERING_MANAGER, 8, "America/Chicago", Region.AMER, 4,
					"Lucas Silva", "shadow"),
			seed("Fatima Zahra", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "Europe/Madrid", Region.EMEA, 1,
					"David Okafor", "new"),
			seed("Ivan Horvat", JobTitle.STAFF_ENGINEER, 8, "Europe/Zagreb", Region.EMEA, 38, "Tom Becker", ""),
			seed("Aisha Bello", JobTitle.STAFF_ENGINEER, 9, "Africa/Lagos", Region.EMEA, 29, "David Okafor", ""),
			seed("Daniel Wright", JobTitle.STAFF_ENGINEER, 9, "America/Los_Angeles", Region.AMER, 42, "Rachel Kim", ""),
			seed("Yuki Nakamura", JobTitle.STAFF_ENGINEER, 8, "Asia/Tokyo", Region.APAC, 25, "Kenji Tanaka", ""),
			seed("Ben Harris", JobTitle.SENIOR_ENGINEER, 7, "Europe/Dublin", Region.EMEA, 20, "Jane Doe", "approved"),
			seed("Zoe Adams", JobTitle.SITE_RELIABILITY_ENGINEER, 7, "Australia/Melbourne", Region.APAC, 33,
					"Priya Raman", "fast-oncall"));

	private DemoPeople() {
	}

	private static Seed seed(String name, JobTitle title, int grade, String zone, Region region, int monthsAgo,
			String manager, String special) {
		OnboardingState state = switch (special) {
			case "shadow" -> OnboardingState.SHADOW;
			case "reverse-shadow" -> OnboardingState.REVERSE_SHADOW;
			default -> OnboardingState.ACTIVE;
		};
		return new Seed(name, title, grade, zone, region, monthsAgo, manager, state, special.equals("weekdays-only"),
				special);
	}

	static String emailOf(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace(' ', '.') + "@example.com";
	}

	/**
	 * Creates the coordinator and the forty, all with the same password hash (the demo
	 * password).
	 */
	static List<Person> create(PersonRepository people, String passwordHash, LocalDate today) {
		List<Person> created = new ArrayList<>();
		Person coordinator = new Person("Casey Coordinator", COORDINATOR_EMAIL, JobTitle.ROTATION_COORDINATOR, 8,
				ZoneId.of("Europe/Amsterdam"), Region.EMEA, today.minusYears(3));
		coordinator.setRole(Role.COORDINATOR);
		coordinator.setPasswordHash(passwordHash);
		created.add(people.save(coordinator));
		Map<String, Person> byName = new HashMap<>();
		for (Seed seed : SEEDS) {
			ZoneId zone = ZoneId.of(seed.zone());
			Person person = new Person(seed.name(), emailOf(seed.name()), seed.title(), seed.grade(), zone,
					seed.region(), today.minusMonths(seed.monthsAgo()).minusDays(seed.name().length()));
			person.setPasswordHash(passwordHash);
			person.setOnboardingState(seed.state());
			person.setWeekdaysOnly(seed.weekdaysOnly());
			person.setOptedIn(seed.special().equals("opted-in"));
			person.setManagerApproved(seed.special().equals("approved"));
			person.setOnFastOncall(seed.special().equals("fast-oncall"));
			person.setPreferredSlots(daytimeSlots(zone, today));
			person.setManager(seed.managerName() == null ? null : byName.get(seed.managerName()));
			Person saved = people.save(person);
			byName.put(seed.name(), saved);
			created.add(saved);
		}
		return created;
	}

	/**
	 * The UTC slots whose middle falls between 08:00 and 20:00 where the person lives.
	 */
	static List<String> daytimeSlots(ZoneId zone, LocalDate today) {
		List<String> preferred = new ArrayList<>();
		for (String slot : SLOTS) {
			LocalTime start = LocalTime.parse(slot.substring(0, 5));
			LocalTime end = LocalTime.parse(slot.substring(6));
			long minutes = Duration.between(start, end).toMinutes();
			if (minutes <= 0) {
				minutes += 24 * 60;
			}
			ZonedDateTime middle = ZonedDateTime.of(today, start, ZoneOffset.UTC).plusMinutes(minutes / 2);
			int localHour = middle.withZoneSameInstant(zone).getHour();
			if (localHour >= 8 && localHour < 20) {
				preferred.add(slot);
			}
		}
		return preferred;
	}

}
