package com.example.imoc.calendar;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.web.api.ApiError;
import com.example.imoc.web.api.BadApiRequest;

/**
 * Feed URLs over the JSON API: {@code POST /api/v1/calendar/feeds} hands out a new secret
 * URL each call, {@code DELETE /api/v1/calendar/feeds/{id}} revokes one of your own.
 */
@RestController
@RequestMapping("/api/v1/calendar/feeds")
class CalendarFeedsApi {

	record FeedRequest(String feed, Long rotationId) {
	}

	record FeedJson(long id, String feed, Long rotationId, String url, String webcal) {
	}

	private final FeedTokens tokens;

	private final Rotations rotations;

	private final FeedUrls urls;

	CalendarFeedsApi(FeedTokens tokens, Rotations rotations, FeedUrls urls) {
		this.tokens = tokens;
		this.rotations = rotations;
		this.urls = urls;
	}

	@PostMapping
	ResponseEntity<FeedJson> create(@AuthenticationPrincipal SignedInPerson me,
			@RequestBody(required = false) FeedRequest request) {
		String feed = request == null || request.feed() == null ? "" : request.feed().trim();
		FeedTokens.Created created;
		String name;
		if (feed.equals("me")) {
			created = this.tokens.create(me.id(), FeedKind.PERSON, null);
			name = FeedKind.PERSON.calendarName(me.name());
		}
		else if (feed.equals("rotation")) {
			if (request.rotationId() == null) {
				throw new BadApiRequest("rotationId", "Say which rotation, as \"rotationId\".");
			}
			var rotation = this.rotations.find(request.rotationId())
				.orElseThrow(
						() -> new BadApiRequest("rotationId", "There is no rotation " + request.rotationId() + "."));
			created = this.tokens.create(me.id(), FeedKind.ROTATION, rotation.id());
			name = FeedKind.ROTATION.calendarName(rotation.name());
		}
		else {
			throw new BadApiRequest("The feed must be \"me\" or \"rotation\".",
					Map.of("feed", "Use \"me\" for your own shifts or \"rotation\" with a \"rotationId\"."));
		}
		FeedUrls.Links links = this.urls.of(created.secret(), name);
		FeedToken token = created.token();
		return ResponseEntity.created(URI.create("/api/v1/calendar/feeds/" + token.id()))
			.body(new FeedJson(token.id(), feed, token.rotationId(), links.url(), links.webcal()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal SignedInPerson me, @PathVariable long id) {
		this.tokens.revoke(me.id(), id);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(FeedTokenNotFoundException.class)
	ResponseEntity<ApiError> notFound(FeedTokenNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(ex.getMessage()));
	}

}
