package com.example.imoc.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks that a request comes from Slack (Slack's "verifying requests" scheme): the
 * {@code X-Slack-Signature} must be {@code v0=} + hex HMAC-SHA256 of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>} under the signing secret, the
 * timestamp within {@code imoc.slack.request-max-age} (5 minutes) of now, and the
 * signature not seen before: accepted signatures are kept in PostgreSQL for that window,
 * so a request replayed to another node is refused too.
 */
@Component
@SlackEnabled
class SlackSignatures {

	private final byte[] secret;

	private final Duration maxAge;

	private final JdbcClient jdbc;

	private final Clock clock;

	SlackSignatures(SlackProperties properties, JdbcClient jdbc, Clock clock) {
		this.secret = properties.signingSecret().getBytes(StandardCharsets.UTF_8);
		this.maxAge = properties.requestMaxAge();
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Why a request was refused; null when it is Slack's and new. */
	String refusal(String timestamp, String signature, byte[] body) {
		if (timestamp == null || signature == null) {
			return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
		}
		Instant sentAt;
		try {
			sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			return "bad timestamp";
		}
		Instant now = this.clock.instant();
		if (Duration.between(sentAt, now).abs().compareTo(this.maxAge) > 0) {
			return "timestamp too old";
		}
		byte[] expected = sign(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
			return "wrong signature";
		}
		this.jdbc.sql("delete from slack_request_seen where sent_at < ?")
			.param(Timestamp.from(now.minus(this.maxAge).minus(this.maxAge)))
			.update();
		int fresh = this.jdbc
			.sql("insert into slack_request_seen (signature, sent_at) values (?, ?) on conflict do nothing")
			.params(signature.trim(), Timestamp.from(sentAt))
			.update();
		return fresh == 1 ? null : "replayed request";
	}

	/** {@code v0=<hex HMAC-SHA256 of v0:timestamp:body>}. */
	String sign(String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
			return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
