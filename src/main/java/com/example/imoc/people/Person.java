package com.example.imoc.people;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Someone on the roster. Everyone who signs in is a person; eligibility for shifts is
 * computed, never stored.
 */
@Entity
public class Person extends PersonSettings {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String email;

	private int grade;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "manager_id")
	private Person manager;

	private String timeZone;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> preferredSlots = new ArrayList<>();

	private String passwordHash;

	@Version
	private long version;

	/**
	 * Moved on to end every session signed in before (password change or reset,
	 * deactivation, sign out everywhere).
	 */
	private long securityVersion;

	/**
	 * The GitLab account (OpenID Connect issuer and subject) linked at the first "Sign in
	 * with GitLab".
	 */
	private String oidcIssuer;

	private String oidcSubject;

	private Instant createdAt = Instant.now();

	private Instant updatedAt = Instant.now();

	protected Person() {
	}

	public Person(String name, String email, JobTitle jobTitle, int grade, ZoneId zone, Region region,
			LocalDate startDate) {
		this.name = name;
		this.email = email.trim().toLowerCase();
		setJobTitle(jobTitle);
		this.grade = grade;
		this.timeZone = zone.getId();
		setRegion(region);
		setStartDate(startDate);
		setOnboardingState(OnboardingState.ACTIVE);
	}

	@PreUpdate
	void touch() {
		this.updatedAt = Instant.now();
	}

	public Eligibility eligibility(EligibilityPolicy policy, LocalDate today) {
		return Eligibility.of(getJobTitle(), this.grade, getStartDate(), isActive(), getOnboardingState(),
				isOnFastOncall(), isOptedIn(), isManagerApproved(), policy, today);
	}

	/**
	 * The first day from {@code today} on which the person may hold shifts as things
	 * stand: today when eligible now, the day they reach the tenure rule when that is all
	 * they lack, empty when another rule keeps them out.
	 */
	public Optional<LocalDate> eligibleFrom(EligibilityPolicy policy, LocalDate today) {
		return Eligibility.firstDay(day -> eligibility(policy, day), getStartDate(), policy, today);
	}

	public ZoneId zone() {
		return ZoneId.of(this.timeZone);
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email.trim().toLowerCase();
	}

	public int getGrade() {
		return this.grade;
	}

	public void setGrade(int grade) {
		this.grade = grade;
	}

	public Person getManager() {
		return this.manager;
	}

	public void setManager(Person manager) {
		this.manager = manager;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public void setTimeZone(ZoneId zone) {
		this.timeZone = zone.getId();
	}

	public List<String> getPreferredSlots() {
		return List.copyOf(this.preferredSlots);
	}

	public void setPreferredSlots(List<String> preferredSlots) {
		this.preferredSlots = new ArrayList<>(preferredSlots);
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public void setPasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	public long getSecurityVersion() {
		return this.securityVersion;
	}

	/** Ends every session signed in so far, on every node, at its next request. */
	void endSessions() {
		this.securityVersion++;
	}

	public String getOidcIssuer() {
		return this.oidcIssuer;
	}

	public String getOidcSubject() {
		return this.oidcSubject;
	}

	void linkOidc(String issuer, String subject) {
		this.oidcIssuer = issuer;
		this.oidcSubject = subject;
	}

	public long getVersion() {
		return this.version;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
