package com.example.imoc.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two people saving the same incident at the same instant, both from the page they loaded
 * at the same version: exactly one edit is saved, the other person gets their form back
 * with what they typed and "changed by someone else … reload". Never a 500, never a mix
 * of both edits. (The API records incidents but has no edit call.)
 */
@IntegrationTest
class IncidentConcurrencyTests {

	private static final int ROUNDS = 10;

	@Autowired
	MockMvc mvc;

	@Autowired
	Incidents incidents;

	@Autowired
	IncidentRepository repository;

	@Autowired
	AuditLog auditLog;

	@Autowired
	TestPeople testPeople;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	private ExecutorService pool;

	private Person ann;

	private Person bob;

	@BeforeEach
	void twoEditors() {
		this.pool = Executors.newFixedThreadPool(2);
		this.ann = this.testPeople.manager("Ann Editor");
		this.bob = this.testPeople.manager("Bob Editor");
	}

	@AfterEach
	void stopPool() {
		this.pool.shutdownNow();
	}

	@Test
	void twoSavesOfTheSameVersionAtTheSameInstantKeepExactlyOne() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			Incident incident = incident("Round " + round);
			CyclicBarrier together = new CyclicBarrier(2);
			Future<MvcResult> byAnn = this.pool.submit(() -> {
				together.await();
				return save(incident, this.ann, "Title by Ann for #" + incident.getId(), "MITIGATED");
			});
			Future<MvcResult> byBob = this.pool.submit(() -> {
				together.await();
				return save(incident, this.bob, "Title by Bob for #" + incident.getId(), "RESOLVED");
			});
			assertExactlyOneSaved(incident, byAnn.get(60, TimeUnit.SECONDS), byBob.get(60, TimeUnit.SECONDS));
		}
	}

	/**
	 * Forces the closest interleaving: both requests have read the incident and passed
	 * the version check before either writes (a third session holds the row until both
	 * wait for it).
	 */
	@Test
	void twoSavesThatBothReadBeforeEitherWritesKeepExactlyOne() throws Exception {
		Incident incident = incident("Held");
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> holder = this.pool
			.submit(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
				this.jdbc.queryForList("select id from incident where id = ? for update", incident.getId());
				held.countDown();
				await(release);
			}));
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		ExecutorService editors = Executors.newFixedThreadPool(2);
		try {
			Future<MvcResult> byAnn = editors.submit(() -> save(incident, this.ann, "Held title by Ann", "MITIGATED"));
			Future<MvcResult> byBob = editors.submit(() -> save(incident, this.bob, "Held title by Bob", "RESOLVED"));
			awaitSessionsWaitingForALock(2);
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
			assertExactlyOneSaved(incident, byAnn.get(60, TimeUnit.SECONDS), byBob.get(60, TimeUnit.SECONDS));
		}
		finally {
			editors.shutdownNow();
		}
	}

	private Incident incident(String title) {
		IncidentForm form = IncidentForm.blank(this.incidents.services(), Instant.parse("2026-01-07T09:00:00Z"));
		form.setTitle(title);
		form.setSeverity(Severity.S3);
		return this.incidents.create(form);
	}

	private MvcResult save(Incident incident, Person editor, String title, String status) throws Exception {
		return this.mvc
			.perform(post("/incidents/{id}", incident.getId()).with(user(TestPeople.signedIn(editor)))
				.with(csrf())
				.param("version", String.valueOf(incident.getVersion()))
				.param("title", title)
				.param("severity", "S2")
				.param("status", status)
				.param("declaredAt", "2026-01-07T09:00")
				.param("mitigatedAt", "2026-01-07T09:30")
				.param("resolvedAt", status.equals("RESOLVED") ? "2026-01-07T10:00" : "")
				.param("rootCause", "INDETERMINATE")
				.param("summary", "summary by " + editor.getName()))
			.andReturn();
	}

	/**
	 * One answer is the redirect of a save, the other the page with the reload hint and
	 * the loser's typed title; the stored incident is entirely the winner's edit, one
	 * version on, with one audit line for it.
	 */
	private void assertExactlyOneSaved(Incident before, MvcResult byAnn, MvcResult byBob) throws Exception {
		List<MvcResult> answers = List.of(byAnn, byBob);
		assertThat(answers).extracting(r -> r.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		MvcResult saved = byAnn.getResponse().getStatus() == 302 ? byAnn : byBob;
		MvcResult refused = saved == byAnn ? byBob : byAnn;
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/incidents/" + before.getId());
		String winnerTitle = saved.getRequest().getParameter("title");
		String loserTitle = refused.getRequest().getParameter("title");
		String page = refused.getResponse().getContentAsString();
		assertThat(page).contains("changed by someone else").contains("Reload the page");
		assertThat(page).as("the refused form keeps what was typed").contains("value=\"" + loserTitle + "\"");
		Incident after = this.repository.findById(before.getId()).orElseThrow();
		assertThat(after.getTitle()).isEqualTo(winnerTitle);
		assertThat(after.getStatus().name()).isEqualTo(saved.getRequest().getParameter("status"));
		assertThat(after.getSummary()).isEqualTo(saved.getRequest().getParameter("summary"));
		assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
		assertThat(this.auditLog.about("incident", before.getId()))
			.filteredOn(e -> e.getAction().equals("incident.updated"))
			.singleElement()
			.satisfies(e -> assertThat(e.getDetails()).contains(winnerTitle).doesNotContain(loserTitle));
	}

	private void awaitSessionsWaitingForALock(int sessions) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (this.jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'",
				Integer.class) < sessions) {
			assertThat(Instant.now()).as(sessions + " sessions waiting for a lock").isBefore(deadline);
			Thread.sleep(20);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never released the row");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
