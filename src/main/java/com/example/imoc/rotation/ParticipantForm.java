package com.example.imoc.rotation;

/**
 * Who joins which layer, as chosen on the participants page, bound with
 * {@code @ModelAttribute} (see "Forms" in docs/ARCHITECTURE.md).
 */
public class ParticipantForm {

	private Long personId;

	private Long layerId;

	public Long getPersonId() {
		return this.personId;
	}

	public void setPersonId(Long personId) {
		this.personId = personId;
	}

	public Long getLayerId() {
		return this.layerId;
	}

	public void setLayerId(Long layerId) {
		this.layerId = layerId;
	}

}
