package com.example.imoc.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.incident.lieu.OnCallShift;
import com.example.imoc.incident.lieu.PersonHours;
import com.example.imoc.incident.lieu.TimeInLieu;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * On-call hours and time in lieu per person over a period of UTC dates (both inclusive). A shift belongs to the
 * period its start falls in, whole, so a pay period never splits one. Only live primary shifts count (shadow
 * shifts are training). A shift is "paged" when an incident page for its holder falls within it.
 */
@Service
public class OnCallHours {

	private final Shifts shifts;

	private final PersonRepository people;

	private final JdbcClient jdbc;

	private final AvailabilitySettings settings;

	private final PublicHolidays holidays;

	OnCallHours(Shifts shifts, PersonRepository people, JdbcClient jdbc, AvailabilitySettings settings,
			PublicHolidays holidays) {
		this.shifts = shifts;
		this.people = people;
		this.jdbc = jdbc;
		this.settings = settings;
		this.holidays = holidays;
	}

	public record Row(Person person, PersonHours hours) {
	}

	private record Paging(long personId, Instant at) {
	}

	@Transactional(readOnly = true)
	public List<Row> report(LocalDate from, LocalDate to) {
		Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
		Instant end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		List<ShiftView> held = this.shifts.between(start, end, null)
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && !s.start().isBefore(start) && s.start().isBefore(end))
			.toList();
		Instant lastEnd = held.stream().map(ShiftView::end).max(Comparator.naturalOrder()).orElse(end);
		List<Paging> pages = this.jdbc
			.sql("select person_id, paged_at from incident_page where paged_at >= ? and paged_at < ?")
			.params(Timestamp.from(start), Timestamp.from(lastEnd))
			.query((rs, n) -> new Paging(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
		List<OnCallShift> onCall = new ArrayList<>();
		for (ShiftView shift : held) {
			boolean paged = pages.stream()
				.anyMatch(p -> p.personId() == shift.assigneeId() && shift.covers(p.at()));
			onCall.add(new OnCallShift(shift.assigneeId(), shift.start(), shift.end(), paged));
		}
		Map<Long, Person> byId = this.people.findAllById(onCall.stream().map(OnCallShift::personId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Person::getId, Function.identity()));
		TimeInLieu rules = new TimeInLieu(new TimeInLieu.Multipliers(this.settings.timeInLieu().notPaged(),
				this.settings.timeInLieu().paged()));
		Map<Long, WorkCalendar> calendars = this.holidays.calendarsOf(byId.values());
		Map<Long, PersonHours> totals = rules.tally(onCall, calendars::get);
		return totals.values()
			.stream()
			.map(h -> new Row(byId.get(h.personId()), h))
			.sorted(Comparator.comparing(r -> r.person().getName()))
			.toList();
	}

}
