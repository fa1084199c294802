package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.incident.availability.AvailabilityMaths;
import com.example.imoc.incident.availability.Impact;
import com.example.imoc.incident.availability.IncidentFacts;
import com.example.imoc.incident.availability.IncidentMetrics;
import com.example.imoc.incident.availability.MonthFigures;

/**
 * The monthly availability figures: computed from the recorded incidents, or taken as
 * published for months of history (published figures are never recomputed).
 */
@Service
public class Availability {

	private final IncidentRepository incidents;

	private final PlatformServiceRepository services;

	private final Incidents incidentViews;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final AvailabilitySettings settings;

	private final Clock clock;

	Availability(IncidentRepository incidents, PlatformServiceRepository services, Incidents incidentViews,
			JdbcClient jdbc, AuditLog auditLog, AvailabilitySettings settings, Clock clock) {
		this.incidents = incidents;
		this.services = services;
		this.incidentViews = incidentViews;
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.settings = settings;
		this.clock = clock;
	}

	public AvailabilitySettings settings() {
		return this.settings;
	}

	@Transactional(readOnly = true)
	public MonthReport month(YearMonth month) {
		Instant now = this.clock.instant();
		Instant from = AvailabilityMaths.startOf(month);
		Instant to = AvailabilityMaths.startOf(month.plusMonths(1));
		Map<String, Double> weights = weights();
		List<Incident> hitting = this.incidents.impactingBetween(from, to);
		MonthFigures figures = AvailabilityMaths.month(month, weights, impacts(hitting), this.settings.goal(), now);
		List<MonthReport.Consumer> consumers = new ArrayList<>();
		List<IncidentView> views = this.incidentViews.views(hitting);
		for (int i = 0; i < hitting.size(); i++) {
			double alone = AvailabilityMaths.platformImpactedMinutes(weights, impacts(List.of(hitting.get(i))), from,
					to, now);
			consumers.add(new MonthReport.Consumer(views.get(i), alone));
		}
		consumers.sort(Comparator.comparing((MonthReport.Consumer c) -> c.incident().declaredAt()).reversed());
		List<IncidentFacts> declared = this.incidents
			.findByDeclaredAtGreaterThanEqualAndDeclaredAtLessThanOrderByDeclaredAt(from, to)
			.stream()
			.map(Incident::facts)
			.toList();
		IncidentMetrics metrics = IncidentMetrics.of(declared, this.settings.mitigationTarget(), now);
		BigDecimal published = published(month).orElse(null);
		double platform = published == null ? figures.platform() : published.doubleValue() / 100;
		double left = published == null ? figures.errorBudgetLeftMinutes()
				: figures.errorBudgetMinutes() - (1 - platform) * figures.minutesInMonth();
		return new MonthReport(month, figures, published, platform, left, metrics, consumers);
	}

	/**
	 * One point per month, oldest first, ending with {@code last}: published where it was
	 * published, else computed.
	 */
	@Transactional(readOnly = true)
	public List<HistoryPoint> history(YearMonth last, int months) {
		Instant now = this.clock.instant();
		YearMonth first = last.minusMonths(months - 1L);
		Map<YearMonth, BigDecimal> published = publishedBetween(first, last);
		Map<String, Double> weights = weights();
		List<Impact> impacts = impacts(this.incidents.impactingBetween(AvailabilityMaths.startOf(first),
				AvailabilityMaths.startOf(last.plusMonths(1))));
		Optional<YearMonth> recordedFrom = recordedFrom();
		List<HistoryPoint> points = new ArrayList<>();
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			if (published.containsKey(month)) {
				points.add(new HistoryPoint(month, published.get(month).doubleValue() / 100, true, true));
			}
			else if (!recorded(month, recordedFrom)) {
				points.add(new HistoryPoint(month, Double.NaN, false, false));
			}
			else if (!AvailabilityMaths.startOf(month).isAfter(now)) {
				points.add(new HistoryPoint(month,
						AvailabilityMaths.month(month, weights, impacts, this.settings.goal(), now).platform(), false,
						true));
			}
		}
		return points;
	}

	/**
	 * One month of the history chart.
	 *
	 * @param platform the platform figure; {@code NaN} when nothing was recorded then
	 * @param recorded whether the month has data: published, or not before the first
	 * month with a published figure or an incident
	 */
	public record HistoryPoint(YearMonth month, double platform, boolean published, boolean recorded) {
	}

	/**
	 * Whether the app has anything for this month: a published figure, or the month is
	 * not before the first one with a published figure or an incident. Before that, a
	 * month without incidents is not 100 %: nobody recorded it.
	 */
	@Transactional(readOnly = true)
	public boolean recorded(YearMonth month) {
		return published(month).isPresent() || recorded(month, recordedFrom());
	}

	private static boolean recorded(YearMonth month, Optional<YearMonth> from) {
		return from.isPresent() && !month.isBefore(from.get());
	}

	private Optional<YearMonth> recordedFrom() {
		YearMonth published = this.jdbc.sql("select min(month) from availability_month")
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list()
			.stream()
			.filter(Objects::nonNull)
			.map(YearMonth::from)
			.findFirst()
			.orElse(null);
		// least() skips a missing impact start
		YearMonth incident = this.jdbc.sql("select min(least(impact_started_at, declared_at)) from incident")
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.list()
			.stream()
			.filter(Objects::nonNull)
			.map(at -> YearMonth.from(at.atZoneSameInstant(ZoneOffset.UTC)))
			.findFirst()
			.orElse(null);
		if (published == null || incident == null) {
			return Optional.ofNullable(published != null ? published : incident);
		}
		return Optional.of(published.isBefore(incident) ? published : incident);
	}

	@Transactional(readOnly = true)
	public Optional<BigDecimal> published(YearMonth month) {
		return this.jdbc.sql("select platform_percent from availability_month where month = ?")
			.param(month.atDay(1))
			.query(BigDecimal.class)
			.optional();
	}

	private Map<YearMonth, BigDecimal> publishedBetween(YearMonth first, YearMonth last) {
		Map<YearMonth, BigDecimal> found = new LinkedHashMap<>();
		this.jdbc
			.sql("select month, platform_percent from availability_month where month between ? and ? order by month")
			.params(first.atDay(1), last.atDay(1))
			.query((rs, n) -> found.put(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getBigDecimal(2)))
			.list();
		return found;
	}

	/**
	 * Records published monthly figures (percent) as history; a month already recorded is
	 * left as it is.
	 */
	@Transactional
	public int importPublished(Map<YearMonth, BigDecimal> percents) {
		int added = 0;
		for (Map.Entry<YearMonth, BigDecimal> month : percents.entrySet()) {
			added += this.jdbc.sql(
					"insert into availability_month (month, platform_percent, source) values (?, ?, 'PUBLISHED') on conflict (month) do nothing")
				.params(month.getKey().atDay(1), month.getValue())
				.update();
		}
		if (added > 0) {
			this.auditLog.record("availability.imported", "availability_month", null,
					added + " published monthly figures recorded");
		}
		return added;
	}

	private Map<String, Double> weights() {
		Map<String, Double> weights = new LinkedHashMap<>();
		this.services.findAllByOrderByNameAsc().forEach(s -> weights.put(s.getName(), s.getWeight().doubleValue()));
		return weights;
	}

	private static List<Impact> impacts(List<Incident> incidents) {
		List<Impact> impacts = new ArrayList<>();
		for (Incident incident : incidents) {
			for (ServiceImpact hit : incident.getImpacts()) {
				impacts.add(new Impact(hit.getService().getName(), incident.impactStart(), incident.impactEnd(),
						hit.getImpact().doubleValue()));
			}
		}
		return impacts;
	}

}
