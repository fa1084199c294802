package com.example.imoc.people;

import java.time.LocalDate;

import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import jakarta.validation.constraints.NotNull;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the coordinator sets about a person's place on the rota (job title, region, start
 * date, contract and onboarding, role), declared once for both the stored {@link Person}
 * and the {@link PersonForm} that edits it: the fields, their validation, and the one
 * copy between them ({@link #copySettingsFrom}).
 */
@MappedSuperclass
public abstract class PersonSettings {

	@NotNull(message = "Choose a job title.")
	@Enumerated(EnumType.STRING)
	private JobTitle jobTitle;

	@NotNull(message = "Choose a region.")
	@Enumerated(EnumType.STRING)
	private Region region;

	@NotNull(message = "Enter the start date.")
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate startDate;

	private boolean weekdaysOnly;

	@NotNull(message = "Choose an onboarding state.")
	@Enumerated(EnumType.STRING)
	private OnboardingState onboardingState;

	private boolean onFastOncall;

	private boolean optedIn;

	private boolean managerApproved;

	private boolean active = true;

	@NotNull(message = "Choose a role.")
	@Enumerated(EnumType.STRING)
	private Role role = Role.MANAGER;

	/** Takes every setting of {@code other} (the form onto the person, or back). */
	void copySettingsFrom(PersonSettings other) {
		this.jobTitle = other.jobTitle;
		this.region = other.region;
		this.startDate = other.startDate;
		this.weekdaysOnly = other.weekdaysOnly;
		this.onboardingState = other.onboardingState;
		this.onFastOncall = other.onFastOncall;
		this.optedIn = other.optedIn;
		this.managerApproved = other.managerApproved;
		this.active = other.active;
		this.role = other.role;
	}

	public JobTitle getJobTitle() {
		return this.jobTitle;
	}

	public void setJobTitle(JobTitle jobTitle) {
		this.jobTitle = jobTitle;
	}

	public Region getRegion() {
		return this.region;
	}

	public void setRegion(Region region) {
		this.region = region;
	}

	public LocalDate getStartDate() {
		return this.startDate;
	}

	public void setStartDate(LocalDate startDate) {
		this.startDate = startDate;
	}

	public boolean isWeekdaysOnly() {
		return this.weekdaysOnly;
	}

	public void setWeekdaysOnly(boolean weekdaysOnly) {
		this.weekdaysOnly = weekdaysOnly;
	}

	public OnboardingState getOnboardingState() {
		return this.onboardingState;
	}

	public void setOnboardingState(OnboardingState onboardingState) {
		this.onboardingState = onboardingState;
	}

	public boolean isOnFastOncall() {
		return this.onFastOncall;
	}

	public void setOnFastOncall(boolean onFastOncall) {
		this.onFastOncall = onFastOncall;
	}

	public boolean isOptedIn() {
		return this.optedIn;
	}

	public void setOptedIn(boolean optedIn) {
		this.optedIn = optedIn;
	}

	public boolean isManagerApproved() {
		return this.managerApproved;
	}

	public void setManagerApproved(boolean managerApproved) {
		this.managerApproved = managerApproved;
	}

	public boolean isActive() {
		return this.active;
	}

	public void setActive(boolean active) {
		this.active = active;
	}

	public Role getRole() {
		return this.role;
	}

	public void setRole(Role role) {
		this.role = role;
	}

	public boolean isCoordinator() {
		return this.role == Role.COORDINATOR;
	}

}
