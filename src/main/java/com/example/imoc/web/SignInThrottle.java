package com.example.imoc.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_PER_ACCOUNT} failed sign-ins for one email, or
 * {@value #MAX_PER_ADDRESS} from one client address, within {@link #WINDOW}, further attempts for it are refused
 * (without checking the password) until {@link #LOCKOUT} after the last failure. A successful sign-in clears the
 * account's count. Kept in memory per node: with n nodes an attacker gets at most n times the allowance, and a
 * restart forgets it, which is acceptable for a throttle (it is not an account lock an admin must lift).
 */
@Component
class SignInThrottle {

	static final int MAX_PER_ACCOUNT = 5;

	static final int MAX_PER_ADDRESS = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration LOCKOUT = Duration.ofMinutes(5);

	/** Bounds the memory an attacker spraying random emails can make us use. */
	private static final int MAX_KEYS = 100_000;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	/** How long this email or address must wait before trying again, if it must. */
	Optional<Duration> lockedFor(String email, String address) {
		Instant now = this.clock.instant();
		Duration wait = wait(accountKey(email), MAX_PER_ACCOUNT, now);
		Duration byAddress = wait(addressKey(address), MAX_PER_ADDRESS, now);
		if (byAddress.compareTo(wait) > 0) {
			wait = byAddress;
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	void failed(String email, String address) {
		Instant now = this.clock.instant();
		if (this.failures.size() > MAX_KEYS) {
			this.failures.entrySet().removeIf(e -> {
				synchronized (e.getValue()) {
					prune(e.getValue(), now);
					return e.getValue().isEmpty();
				}
			});
		}
		for (String key : new String[] { accountKey(email), addressKey(address) }) {
			Deque<Instant> times = this.failures.computeIfAbsent(key, k -> new ArrayDeque<>());
			synchronized (times) {
				prune(times, now);
				times.addLast(now);
			}
		}
	}

	void succeeded(String email) {
		this.failures.remove(accountKey(email));
	}

	/** Whole minutes, rounded up, for the message. */
	static long minutes(Duration wait) {
		return Math.max(1, (wait.toSeconds() + 59) / 60);
	}

	private Duration wait(String key, int max, Instant now) {
		Deque<Instant> times = this.failures.get(key);
		if (times == null) {
			return Duration.ZERO;
		}
		synchronized (times) {
			prune(times, now);
			if (times.size() < max) {
				return Duration.ZERO;
			}
			Duration left = Duration.between(now, times.peekLast().plus(LOCKOUT));
			return left.isNegative() ? Duration.ZERO : left;
		}
	}

	private static void prune(Deque<Instant> times, Instant now) {
		while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
			times.removeFirst();
		}
	}

	private static String accountKey(String email) {
		return "account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
