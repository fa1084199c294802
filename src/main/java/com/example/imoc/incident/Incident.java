package com.example.imoc.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

import com.example.imoc.incident.availability.IncidentFacts;

/**
 * An incident as recorded by the IMOC. Times are instants; the database refuses times out
 * of order.
 */
@Entity
public class Incident extends IncidentDetails {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant impactStartedAt;

	private Instant declaredAt;

	private Instant mitigatedAt;

	private Instant resolvedAt;

	@ElementCollection
	@CollectionTable(name = "incident_service", joinColumns = @JoinColumn(name = "incident_id"))
	@BatchSize(size = 100)
	private List<ServiceImpact> impacts = new ArrayList<>();

	@ElementCollection
	@CollectionTable(name = "incident_page", joinColumns = @JoinColumn(name = "incident_id"))
	@BatchSize(size = 100)
	private List<Page> pages = new ArrayList<>();

	@Version
	private long version;

	private Instant createdAt = Instant.now();

	private Instant updatedAt = Instant.now();

	protected Incident() {
	}

	Incident(String title, Severity severity, Instant declaredAt) {
		setTitle(title);
		setSeverity(severity);
		this.declaredAt = declaredAt;
	}

	@PreUpdate
	void touch() {
		this.updatedAt = Instant.now();
	}

	/**
	 * Impact start, else declared at: when the incident starts counting against
	 * availability.
	 */
	public Instant impactStart() {
		return this.impactStartedAt != null ? this.impactStartedAt : this.declaredAt;
	}

	/**
	 * Mitigated at, else resolved at; {@code null} while the impact is still going on.
	 */
	public Instant impactEnd() {
		return this.mitigatedAt != null ? this.mitigatedAt : this.resolvedAt;
	}

	public IncidentFacts facts() {
		return new IncidentFacts(getSeverity().name(), getSeverity().paging(), this.impactStartedAt, this.declaredAt,
				this.mitigatedAt, this.resolvedAt, isDetectedInternally());
	}

	public Long getId() {
		return this.id;
	}

	public Instant getImpactStartedAt() {
		return this.impactStartedAt;
	}

	void setImpactStartedAt(Instant impactStartedAt) {
		this.impactStartedAt = impactStartedAt;
	}

	public Instant getDeclaredAt() {
		return this.declaredAt;
	}

	void setDeclaredAt(Instant declaredAt) {
		this.declaredAt = declaredAt;
	}

	public Instant getMitigatedAt() {
		return this.mitigatedAt;
	}

	void setMitigatedAt(Instant mitigatedAt) {
		this.mitigatedAt = mitigatedAt;
	}

	public Instant getResolvedAt() {
		return this.resolvedAt;
	}

	void setResolvedAt(Instant resolvedAt) {
		this.resolvedAt = resolvedAt;
	}

	public List<ServiceImpact> getImpacts() {
		return this.impacts.stream().sorted(Comparator.comparing(i -> i.getService().getName())).toList();
	}

	void replaceImpacts(List<ServiceImpact> impacts) {
		this.impacts.clear();
		this.impacts.addAll(impacts);
	}

	public List<Page> getPages() {
		return this.pages.stream().sorted(Comparator.comparing(Page::getPagedAt)).toList();
	}

	/**
	 * Every instant the IMOC was paged, in time order and each once: an S1 or S2 pages at
	 * "declared at" (IMs are paged for S1 and S2; impact start is often known only later
	 * and may precede anyone noticing), plus the further pages typed on the incident.
	 */
	public List<Instant> pagedAt() {
		TreeSet<Instant> instants = new TreeSet<>();
		if (getSeverity().paging()) {
			instants.add(this.declaredAt);
		}
		this.pages.forEach(p -> instants.add(p.getPagedAt()));
		return List.copyOf(instants);
	}

	void replacePages(List<Page> pages) {
		this.pages.clear();
		this.pages.addAll(pages);
	}

	public long getVersion() {
		return this.version;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
