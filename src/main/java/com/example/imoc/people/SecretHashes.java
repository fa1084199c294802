package com.example.imoc.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (hex) under which a secret (API token, calendar feed URL) is stored and
 * looked up: the database never holds a usable secret. One digest per thread, because
 * looking the algorithm up costs more than hashing a secret and every API call and feed
 * poll hashes one.
 */
public final class SecretHashes {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JVM", ex);
		}
	});

	private SecretHashes() {
	}

	public static String sha256Hex(String secret) {
		MessageDigest digest = SHA_256.get();
		digest.reset();
		return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

}
