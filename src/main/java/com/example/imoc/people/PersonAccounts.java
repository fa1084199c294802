package com.example.imoc.people;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;

/**
 * Signs people in by their email (case-insensitive). Deactivated people and people
 * without a password cannot use the password form; {@link #byEmail} and {@link #byGitLab}
 * serve sign-ins where GitLab vouches for someone, and {@link #current} tells every
 * request what the roster says about its person now.
 */
@Service
public class PersonAccounts implements UserDetailsService {

	/** What a remembered signed-in person ({@link #current}) is made of: their row. */
	@Bean
	static CacheDependencies signedInPersonCache() {
		return CacheDependencies.of("signed-in people", PersonAccounts.class, "person");
	}

	/** How a GitLab account found its roster person. */
	public enum GitLabMatch {

		/** The account was linked before: matched on its subject. */
		LINKED,
		/**
		 * Matched on the verified email: linked now (first use) if the person is active.
		 */
		BY_EMAIL,
		/** No roster person has this account or email. */
		UNKNOWN,
		/** The email's roster person is linked to another GitLab account. */
		LINKED_TO_ANOTHER

	}

	public record GitLabAccount(GitLabMatch match, SignedInPerson person) {
	}

	private final PersonRepository people;

	private final DataChanges changes;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	/**
	 * Person id → what the roster said, valid while the data generation is unchanged
	 * (every roster change moves it).
	 */
	private final Map<Long, Known> known = new ConcurrentHashMap<>();

	private record Known(long stamp, Optional<SignedInPerson> person, ZoneId zone, Region region) {
	}

	/**
	 * People who use the app at once are far fewer; beyond this the memory is simply
	 * started afresh.
	 */
	private static final int KNOWN_LIMIT = 10_000;

	PersonAccounts(PersonRepository people, DataChanges changes, AuditLog auditLog,
			PlatformTransactionManager transactionManager) {
		this.people = people;
		this.changes = changes;
		this.auditLog = auditLog;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setReadOnly(true);
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String email) {
		return this.people.findByEmail(email.trim())
			.map(SignedInPerson::of)
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
	}

	/**
	 * The roster person with this email (case-insensitive), active or not: the caller
	 * decides, and says which it was. The principal is the one the password form yields,
	 * so every page treats both sign-ins alike.
	 */
	@Transactional(readOnly = true)
	public Optional<SignedInPerson> byEmail(String email) {
		return this.people.findByEmail(email.trim()).map(SignedInPerson::of);
	}

	/**
	 * The id of the roster person with this email (case-insensitive), if someone has it.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> idOfEmail(String email) {
		return this.people.findByEmail(email.trim()).map(Person::getId);
	}

	/**
	 * The roster person behind a GitLab account. A linked account is matched on its
	 * issuer and subject only (the email at GitLab may change, and nobody else can take
	 * over the link by claiming the email). An unlinked account is matched on its
	 * verified email, and linked to that person on this first use, unless the person is
	 * already linked to another GitLab account. Linking is audited. The caller checks the
	 * person is active.
	 */
	@Transactional
	public GitLabAccount byGitLab(String issuer, String subject, String verifiedEmail) {
		Optional<Person> linked = this.people.findByOidcIssuerAndOidcSubject(issuer, subject);
		if (linked.isPresent()) {
			return new GitLabAccount(GitLabMatch.LINKED, SignedInPerson.of(linked.get()));
		}
		Optional<Person> byEmail = verifiedEmail == null ? Optional.empty()
				: this.people.findByEmail(verifiedEmail.trim());
		if (byEmail.isEmpty()) {
			return new GitLabAccount(GitLabMatch.UNKNOWN, null);
		}
		Person person = byEmail.get();
		if (person.getOidcSubject() != null) {
			return new GitLabAccount(GitLabMatch.LINKED_TO_ANOTHER, SignedInPerson.of(person));
		}
		if (person.isActive()) {
			person.linkOidc(issuer, subject);
			this.auditLog.record("person.gitlab-linked", "person", person.getId(),
					"GitLab account " + subject + " at " + issuer + " (email " + verifiedEmail.trim() + ")");
		}
		return new GitLabAccount(GitLabMatch.BY_EMAIL, SignedInPerson.of(person));
	}

	/**
	 * What the roster says about this person now, without the password hash: empty when
	 * they no longer exist. Asked on every request of a signed-in session, so it is
	 * answered from memory while the data generation (moved on by every committed change,
	 * on any node) is unchanged since it was read.
	 */
	public Optional<SignedInPerson> current(long id) {
		return known(id).person();
	}

	/**
	 * The zone this person reads times in, from the same memory as {@link #current} (UTC
	 * when they no longer exist): pages format every time with it at no extra query.
	 */
	public ZoneId zone(long id) {
		return known(id).zone();
	}

	/**
	 * This person's zone and region, from the same memory as {@link #current}: empty when
	 * they no longer exist. (Pages that need no more of the person than these read no
	 * entity.)
	 */
	public Optional<Whereabouts> whereabouts(long id) {
		Known known = known(id);
		return known.person().map(person -> new Whereabouts(known.zone(), known.region()));
	}

	/**
	 * Where a person is: the zone they read times in and the region of their holidays.
	 */
	public record Whereabouts(ZoneId zone, Region region) {
	}

	private Known known(long id) {
		Known hit = this.known.get(id);
		if (hit != null && this.changes.isCurrent(hit.stamp())) {
			return hit;
		}
		long stamp = this.changes.stamp(); // before reading: a change committed after it
											// voids what we read
		Known read = this.transactions.execute(status -> this.people.findById(id)
			.map(p -> new Known(stamp, Optional.of(SignedInPerson.of(p).withoutPassword()), p.zone(), p.getRegion()))
			.orElse(new Known(stamp, Optional.empty(), ZoneId.of("UTC"), null)));
		if (stamp >= 0) {
			if (this.known.size() >= KNOWN_LIMIT) {
				this.known.clear();
			}
			this.known.put(id, read);
		}
		return read;
	}

}
