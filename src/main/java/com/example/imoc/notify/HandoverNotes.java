package com.example.imoc.notify;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The handover notes written for a shift, for other modules (a chat app posting the
 * handoff).
 */
@Service
public class HandoverNotes {

	private final Handoffs handoffs;

	HandoverNotes(Handoffs handoffs) {
		this.handoffs = handoffs;
	}

	/** The latest note the outgoing IM (or the coordinator) wrote for this shift. */
	public Optional<Note> latestFor(long shiftId) {
		return this.handoffs.latestNote(shiftId).map(n -> new Note(n.authorName(), n.body(), n.writtenAt()));
	}

	public record Note(String authorName, String body, Instant writtenAt) {
	}

}
