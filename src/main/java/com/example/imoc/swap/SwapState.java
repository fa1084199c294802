package com.example.imoc.swap;

public enum SwapState {

	PENDING("Waiting for an answer"), ACCEPTED("Accepted"), DECLINED("Declined"), CANCELLED("Cancelled"),
	EXPIRED("Expired"), INVALID("No longer valid"), APPROVAL_PENDING("Waiting for the coordinator"),
	APPROVED("Approved"), REJECTED("Rejected by the coordinator"), UNDONE("Undone");

	private final String label;

	SwapState(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public boolean isOpen() {
		return this == PENDING || this == APPROVAL_PENDING;
	}

	/** The schedule was changed by this request (and may still be undone). */
	public boolean isDone() {
		return this == ACCEPTED || this == APPROVED;
	}

}
