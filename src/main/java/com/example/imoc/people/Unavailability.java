package com.example.imoc.people;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * Time away (PTO, sick, a conference): the assigner never gives a shift that touches it.
 */
@Entity
public class Unavailability {

	public enum Kind {

		PTO("PTO"), SICK("Sick"), CONFERENCE("Conference"), OTHER("Other");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long personId;

	@Enumerated(EnumType.STRING)
	private Kind kind;

	private Instant startsAt;

	private Instant endsAt;

	private String note;

	private String createdBy;

	private Instant createdAt = Instant.now();

	protected Unavailability() {
	}

	public Unavailability(long personId, Kind kind, Instant startsAt, Instant endsAt, String note, String createdBy) {
		this.personId = personId;
		this.kind = kind;
		this.startsAt = startsAt;
		this.endsAt = endsAt;
		this.note = note == null ? "" : note;
		this.createdBy = createdBy;
	}

	public Long getId() {
		return this.id;
	}

	public long getPersonId() {
		return this.personId;
	}

	public Kind getKind() {
		return this.kind;
	}

	public Instant getStartsAt() {
		return this.startsAt;
	}

	public Instant getEndsAt() {
		return this.endsAt;
	}

	public String getNote() {
		return this.note;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

}
