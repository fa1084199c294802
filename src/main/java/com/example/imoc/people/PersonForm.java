package com.example.imoc.people;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the coordinator types on the person form; kept as typed so a rejected form comes
 * back unchanged.
 */
public class PersonForm extends PersonSettings {

	@NotBlank(message = "Enter the person's name.")
	@Size(max = 200, message = "Keep the name under 200 characters.")
	private String name;

	@NotBlank(message = "Enter an email address.")
	@Email(message = "Enter a valid email address, like jane.doe@example.com.")
	@Size(max = 320, message = "Keep the email under 320 characters.")
	private String email;

	@NotNull(message = "Enter a grade.")
	@Min(value = 5, message = "Grades run from 5 to 12.")
	@Max(value = 12, message = "Grades run from 5 to 12.")
	private Integer grade;

	private Long managerId;

	@NotBlank(message = "Choose a time zone, like Europe/Berlin.")
	private String timeZone = "UTC";

	@Size(max = 200, message = "Keep the preferred slots under 200 characters.")
	private String preferredSlots = "";

	@Size(max = 200, message = "Keep the password under 200 characters.")
	private String newPassword = "";

	private long version;

	/** A new person starts as a shadow. */
	public PersonForm() {
		setOnboardingState(OnboardingState.SHADOW);
	}

	public static PersonForm of(Person person) {
		PersonForm form = new PersonForm();
		form.name = person.getName();
		form.email = person.getEmail();
		form.grade = person.getGrade();
		form.managerId = person.getManager() == null ? null : person.getManager().getId();
		form.timeZone = person.getTimeZone();
		form.preferredSlots = String.join(", ", person.getPreferredSlots());
		form.copySettingsFrom(person);
		form.version = person.getVersion();
		return form;
	}

	List<String> preferredSlotList() {
		return Arrays.stream(this.preferredSlots == null ? new String[0] : this.preferredSlots.split(","))
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.distinct()
			.toList();
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
		this.email = email;
	}

	public Integer getGrade() {
		return this.grade;
	}

	public void setGrade(Integer grade) {
		this.grade = grade;
	}

	public Long getManagerId() {
		return this.managerId;
	}

	public void setManagerId(Long managerId) {
		this.managerId = managerId;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public void setTimeZone(String timeZone) {
		this.timeZone = timeZone;
	}

	public String getPreferredSlots() {
		return this.preferredSlots;
	}

	public void setPreferredSlots(String preferredSlots) {
		this.preferredSlots = preferredSlots;
	}

	public String getNewPassword() {
		return this.newPassword;
	}

	public void setNewPassword(String newPassword) {
		this.newPassword = newPassword;
	}

	public long getVersion() {
		return this.version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
