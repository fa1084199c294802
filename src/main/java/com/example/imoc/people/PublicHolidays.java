package com.example.imoc.people;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;

/**
 * Public holidays per region, as data the coordinator edits ({@code /admin/holidays}),
 * seeded from the Jollyday holiday library: each region takes the public holidays of one
 * country (or subdivision), chosen per region. The holidays of a person's region, with
 * their time zone, make their {@link WorkCalendar}: the one source of holiday work for
 * fairness, the assigner and time in lieu.
 */
@Service
public class PublicHolidays {

	/** A stored holiday; {@code fromLibrary} false when the coordinator entered it. */
	public record PublicHoliday(long id, Region region, LocalDate day, String name, boolean fromLibrary) {
	}

	/** A region's holiday calendar: the country code its holidays are seeded from. */
	public record RegionCalendar(Region region, String country) {
	}

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final HolidaySettings settings;

	private final Clock clock;

	PublicHolidays(JdbcClient jdbc, AuditLog auditLog, HolidaySettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.settings = settings;
		this.clock = clock;
	}

	/** The person's own calendar: their zone and their region's holidays. */
	@Transactional(readOnly = true)
	public WorkCalendar calendarOf(Person person) {
		return calendarOf(person.zone(), person.getRegion());
	}

	/** The calendar of a zone and a region: that zone and the region's holidays. */
	@Transactional(readOnly = true)
	public WorkCalendar calendarOf(ZoneId zone, Region region) {
		return WorkCalendar.of(zone, holidaysOf(region));
	}

	/** Each person's own calendar by id, in one query. */
	@Transactional(readOnly = true)
	public Map<Long, WorkCalendar> calendarsOf(Collection<Person> people) {
		Map<Long, WorkCalendar> calendars = new HashMap<>();
		BiFunction<ZoneId, Region, WorkCalendar> calendar = calendars();
		for (Person person : people) {
			calendars.put(person.getId(), calendar.apply(person.zone(), person.getRegion()));
		}
		return calendars;
	}

	/** As {@link #calendarsOf(Collection)}, for people read as {@link PersonFacts}. */
	@Transactional(readOnly = true)
	public Map<Long, WorkCalendar> calendarsOfFacts(Collection<PersonFacts> people) {
		Map<Long, WorkCalendar> calendars = new HashMap<>();
		BiFunction<ZoneId, Region, WorkCalendar> calendar = calendars();
		for (PersonFacts person : people) {
			calendars.put(person.id(), calendar.apply(person.zone(), person.region()));
		}
		return calendars;
	}

	/**
	 * Every region's holidays read in one query; the calendar of a zone and region, one
	 * shared instance per pair.
	 */
	private BiFunction<ZoneId, Region, WorkCalendar> calendars() {
		Map<Region, Set<LocalDate>> byRegion = new EnumMap<>(Region.class);
		for (Region region : Region.values()) {
			byRegion.put(region, new HashSet<>());
		}
		this.jdbc.sql("select region, day from public_holiday")
			.query((rs, n) -> byRegion.get(Region.valueOf(rs.getString(1))).add(rs.getObject(2, LocalDate.class)))
			.list();
		Map<String, WorkCalendar> shared = new HashMap<>();
		return (zone, region) -> shared.computeIfAbsent(region + " " + zone.getId(),
				key -> WorkCalendar.of(zone, byRegion.get(region)));
	}

	@Transactional(readOnly = true)
	public Set<LocalDate> holidaysOf(Region region) {
		return Set.copyOf(this.jdbc.sql("select day from public_holiday where region = ?")
			.param(region.name())
			.query(LocalDate.class)
			.list());
	}

	@Transactional(readOnly = true)
	public List<PublicHoliday> between(LocalDate first, LocalDate last) {
		return this.jdbc.sql("""
				select id, region, day, name, source from public_holiday where day between ? and ?
				order by day, region""")
			.params(first, last)
			.query((rs, n) -> new PublicHoliday(rs.getLong(1), Region.valueOf(rs.getString(2)),
					rs.getObject(3, LocalDate.class), rs.getString(4), "LIBRARY".equals(rs.getString(5))))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<PublicHoliday> on(Region region, LocalDate day) {
		return between(day, day).stream().filter(h -> h.region() == region).findFirst();
	}

	@Transactional(readOnly = true)
	public List<RegionCalendar> regions() {
		Map<Region, String> stored = new EnumMap<>(Region.class);
		this.jdbc.sql("select region, country from region_holiday_calendar")
			.query((rs, n) -> stored.put(Region.valueOf(rs.getString(1)), rs.getString(2)))
			.list();
		List<RegionCalendar> regions = new ArrayList<>();
		for (Region region : Region.values()) {
			regions.add(new RegionCalendar(region, stored.getOrDefault(region, this.settings.countries().get(region))));
		}
		return regions;
	}

	/**
	 * Stores each region's configured calendar if it has none yet, then seeds the current
	 * year and {@code imoc.holidays.years-ahead} following ones from the library, each
	 * (region, year) once. Safe on several nodes at once (an advisory lock, and every
	 * insert tolerates one already made).
	 * @return the number of holidays added
	 */
	@Transactional
	public int seedComingYears() {
		this.jdbc.sql("select pg_advisory_xact_lock(4242111)").query(Object.class).single();
		for (Map.Entry<Region, String> configured : this.settings.countries().entrySet()) {
			this.jdbc.sql("insert into region_holiday_calendar (region, country) values (?, ?) on conflict do nothing")
				.params(configured.getKey().name(), normalise(configured.getValue()))
				.update();
		}
		int thisYear = LocalDate.now(this.clock).getYear();
		int added = 0;
		for (RegionCalendar region : stored()) {
			for (int year = thisYear; year <= thisYear + this.settings.yearsAhead(); year++) {
				added += seed(region, year);
			}
		}
		return added;
	}

	/** Adds a holiday the library does not know (a company day, a regional one). */
	@Transactional
	public PublicHoliday add(Region region, LocalDate day, String name) {
		long id = this.jdbc.sql("""
				insert into public_holiday (region, day, name, source) values (?, ?, ?, 'COORDINATOR') returning id""")
			.params(region.name(), day, name.strip())
			.query(Long.class)
			.single();
		this.auditLog.record("holiday.added", "public_holiday", id, region + " " + day + " " + name.strip());
		return new PublicHoliday(id, region, day, name.strip(), false);
	}

	/** Removes a holiday; a library one is not seeded again. */
	@Transactional
	public Optional<PublicHoliday> remove(long id) {
		Optional<PublicHoliday> removed = this.jdbc.sql("""
				delete from public_holiday where id = ? returning id, region, day, name, source""")
			.param(id)
			.query((rs, n) -> new PublicHoliday(rs.getLong(1), Region.valueOf(rs.getString(2)),
					rs.getObject(3, LocalDate.class), rs.getString(4), "LIBRARY".equals(rs.getString(5))))
			.optional();
		removed.ifPresent(h -> this.auditLog.record("holiday.removed", "public_holiday", id,
				h.region() + " " + h.day() + " " + h.name()));
		return removed;
	}

	/**
	 * Makes {@code country} the region's holiday calendar: the library holidays of the
	 * region from today on are replaced by the new country's (the coordinator's own
	 * entries stay).
	 */
	@Transactional
	public int changeCountry(Region region, String country) {
		String code = normalise(country);
		if (!isKnownCalendar(code)) {
			throw new IllegalArgumentException("unknown holiday calendar " + country);
		}
		this.jdbc.sql("""
				insert into region_holiday_calendar (region, country) values (?, ?)
				on conflict (region) do update set country = excluded.country, updated_at = ?""")
			.params(region.name(), code, Timestamp.from(this.clock.instant()))
			.update();
		LocalDate today = LocalDate.now(this.clock);
		this.jdbc.sql("delete from public_holiday where region = ? and source = 'LIBRARY' and day >= ?")
			.params(region.name(), today)
			.update();
		this.jdbc.sql("delete from public_holiday_seeding where region = ? and year >= ?")
			.params(region.name(), today.getYear())
			.update();
		int added = 0;
		for (int year = today.getYear(); year <= today.getYear() + this.settings.yearsAhead(); year++) {
			added += seed(new RegionCalendar(region, code), year, today);
		}
		this.auditLog.record("holiday.region-calendar", "region", null,
				region + " takes the public holidays of " + code + " (" + added + " holidays from " + today + ")");
		return added;
	}

	/**
	 * {@code GB}, {@code us-ny} → {@code GB}, {@code US-NY}: upper case, the form stored
	 * and shown.
	 */
	public static String normalise(String country) {
		return country.strip().toUpperCase(Locale.ROOT);
	}

	/** True when the holiday library knows the country and, if given, its subdivision. */
	public static boolean isKnownCalendar(String code) {
		if (!code.matches("[A-Z]{2}(-[A-Z0-9]{1,8}){0,2}")) {
			return false;
		}
		String[] parts = code.split("-");
		if (!HolidayManager.getSupportedCalendarCodes().contains(parts[0])) {
			return false;
		}
		if (parts.length == 1) {
			return true;
		}
		var hierarchy = manager(parts[0]).getCalendarHierarchy();
		for (int i = 1; i < parts.length; i++) {
			hierarchy = hierarchy.getChildren().get(parts[i].toLowerCase(Locale.ROOT));
			if (hierarchy == null) {
				return false;
			}
		}
		return true;
	}

	private List<RegionCalendar> stored() {
		return this.jdbc.sql("select region, country from region_holiday_calendar order by region")
			.query((rs, n) -> new RegionCalendar(Region.valueOf(rs.getString(1)), rs.getString(2)))
			.list();
	}

	private int seed(RegionCalendar region, int year) {
		return seed(region, year, LocalDate.MIN);
	}

	/**
	 * Seeds one (region, year) from the library unless done before; only days on or after
	 * {@code from}.
	 */
	private int seed(RegionCalendar region, int year, LocalDate from) {
		int claimed = this.jdbc.sql("""
				insert into public_holiday_seeding (region, year, country) values (?, ?, ?) on conflict do nothing""")
			.params(region.region().name(), year, region.country())
			.update();
		if (claimed == 0 || !isKnownCalendar(region.country())) {
			return 0;
		}
		String[] parts = region.country().split("-");
		String[] subdivisions = new String[parts.length - 1];
		for (int i = 1; i < parts.length; i++) {
			subdivisions[i - 1] = parts[i].toLowerCase(Locale.ROOT);
		}
		int added = 0;
		for (Holiday holiday : manager(parts[0]).getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivisions)) {
			if (holiday.getDate().isBefore(from)) {
				continue;
			}
			added += this.jdbc.sql("""
					insert into public_holiday (region, day, name, source) values (?, ?, ?, 'LIBRARY')
					on conflict (region, day) do nothing""")
				.params(region.region().name(), holiday.getDate(), name(holiday))
				.update();
		}
		return added;
	}

	private static String name(Holiday holiday) {
		String name = holiday.getDescription(Locale.ENGLISH).strip();
		return name.length() > 120 ? name.substring(0, 120) : name;
	}

	private static HolidayManager manager(String country) {
		return HolidayManager.getInstance(ManagerParameters.create(country));
	}

}
