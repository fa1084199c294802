package com.example.imoc.web.security;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.example.imoc.database.Throttles;
import com.example.imoc.people.PersonAccounts;

/**
 * Slows down password guessing: after {@value #MAX_PER_ACCOUNT} failed sign-ins for one
 * account, or {@value #MAX_PER_ADDRESS} from one client address, within {@link #WINDOW},
 * further attempts for it are refused (without checking the password) for
 * {@link #LOCKOUT}. A successful sign-in clears the account's count.
 * <p>
 * The counters are in PostgreSQL ({@link Throttles}), so every node counts into the same
 * ones: n nodes give an attacker the allowance once, and a restart forgets nothing. The
 * account key is the roster person the typed email resolves to, after NFKC normalisation
 * and case folding, so {@code JANE@example.com} and its full-width or other Unicode
 * variants share one counter; an email nobody has is counted under its normalised form.
 */
@Component
class SignInThrottle {

	static final int MAX_PER_ACCOUNT = 5;

	static final int MAX_PER_ADDRESS = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration LOCKOUT = Duration.ofMinutes(5);

	/**
	 * Keys are bounded in the table; an email longer than any real one is cut (it matches
	 * nobody anyway).
	 */
	private static final int MAX_EMAIL = 320;

	private final Throttles throttles;

	private final PersonAccounts accounts;

	SignInThrottle(Throttles throttles, PersonAccounts accounts) {
		this.throttles = throttles;
		this.accounts = accounts;
	}

	/** How long this email or address must wait before trying again, if it must. */
	Optional<Duration> lockedFor(String email, String address) {
		return this.throttles.lockedFor(List.of(accountKey(email), addressKey(address)));
	}

	void failed(String email, String address) {
		this.throttles.hit(accountKey(email), MAX_PER_ACCOUNT, WINDOW, LOCKOUT);
		this.throttles.hit(addressKey(address), MAX_PER_ADDRESS, WINDOW, LOCKOUT);
	}

	void succeeded(String email) {
		this.throttles.clear(accountKey(email));
	}

	/** Whole minutes, rounded up, for the message. */
	static long minutes(Duration wait) {
		return Math.max(1, (wait.toSeconds() + 59) / 60);
	}

	/** The person the email belongs to, or the normalised email when it is nobody's. */
	private String accountKey(String email) {
		String normalised = normalise(email);
		return this.accounts.idOfEmail(normalised)
			.map(id -> "sign-in:person:" + id)
			.orElse("sign-in:email:" + normalised);
	}

	private static String addressKey(String address) {
		return "sign-in:address:" + address;
	}

	/**
	 * NFKC, then case folding (upper then lower case, so ß and ẞ meet as ss), trimmed;
	 * bounded in length.
	 */
	static String normalise(String email) {
		if (email == null) {
			return "";
		}
		String folded = Normalizer.normalize(email, Normalizer.Form.NFKC)
			.toUpperCase(Locale.ROOT)
			.toLowerCase(Locale.ROOT)
			.strip();
		return folded.length() > MAX_EMAIL ? folded.substring(0, MAX_EMAIL) : folded;
	}

}
