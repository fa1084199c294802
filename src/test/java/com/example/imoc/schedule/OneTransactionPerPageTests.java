package com.example.imoc.schedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.DispatcherServlet;

import com.example.imoc.IntegrationTest;
import com.example.imoc.RecordedStatements;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A view of a schedule page, its handler and every module's {@code @ModelAttribute}
 * parts, runs in one read-only transaction (web.PageTransactions, issue 17): one
 * connection from the pool instead of one per service call, and it goes back to the pool
 * whatever the page answered.
 */
@IntegrationTest
@Import(RecordedStatements.class)
class OneTransactionPerPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	DataChanges changes;

	@Test
	void eachSchedulePageTakesOneConnectionForItsWholeView() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> staff = this.testRotations.staff(rotation, 4);
		this.maintenance.maintain(rotation.id());
		Person viewer = staff.get(0);
		for (String page : List.of("/", "/my/shifts", "/rotations", "/rotations/" + rotation.id(),
				"/rotations/" + rotation.id() + "?view=month&zone=rotation&who=a")) {
			assertThat(connectionsOnWarmCaches(viewer, page)).as("connections taken by a view of %s", page)
				.isEqualTo(1);
		}
		assertNothingLeftOnThisThread();
	}

	/**
	 * The connections one view takes once the shared caches are warm: a view counts only
	 * when no data change arrived since before the view ahead of it (a shared cache
	 * refilled after a change may do so in its own transaction). Only what the
	 * DispatcherServlet runs counts (the handler, the model, the view): the filters in
	 * front (the session store) are not the page's. The fewest of the views that count.
	 */
	private int connectionsOnWarmCaches(Person viewer, String page) throws Exception {
		int fewest = Integer.MAX_VALUE;
		long warmedAt = -1;
		for (int view = 0; view < 8 && (fewest == Integer.MAX_VALUE || view < 3); view++) {
			long before = this.changes.stamp();
			int taken = RecordedStatements.connections(DispatcherServlet.class, () -> view(viewer, page));
			if (!this.changes.isCurrent(before)) {
				warmedAt = -1;
				continue;
			}
			if (warmedAt == before) {
				fewest = Math.min(fewest, taken);
			}
			warmedAt = before;
		}
		assertThat(fewest).as("a view of %s on warm caches", page).isLessThan(Integer.MAX_VALUE);
		return fewest;
	}

	@Test
	void aPageThatFailsGivesItsConnectionBack() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		Person viewer = this.testRotations.staff(rotation, 1).get(0);
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(get("/rotations/" + Long.MAX_VALUE / 2).with(user(TestPeople.signedIn(viewer))))
				.andExpect(status().isNotFound());
			this.mvc.perform(get("/rotations/" + rotation.id() + "?view=year").with(user(TestPeople.signedIn(viewer))))
				.andExpect(status().isBadRequest());
		}
		assertNothingLeftOnThisThread();
		this.mvc.perform(get("/rotations/" + rotation.id()).with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(rotation.name())));
	}

	/**
	 * MockMvc runs the request on the test's thread: a transaction left open would still
	 * be bound to it, holding its connection.
	 */
	private static void assertNothingLeftOnThisThread() {
		assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
		assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
	}

	/** The session's cookies, kept as a browser does. */
	private final Map<String, Cookie> cookies = new HashMap<>();

	private int views;

	/**
	 * A first view of the page in the session: a new query each time, so that the page
	 * cache has nothing to replay.
	 */
	private void view(Person viewer, String page) throws Exception {
		String uncached = page + (page.contains("?") ? "&" : "?") + "uncached=" + (++this.views);
		MockHttpServletRequestBuilder request = get(uncached).with(user(TestPeople.signedIn(viewer)));
		if (!this.cookies.isEmpty()) {
			request.cookie(this.cookies.values().toArray(Cookie[]::new));
		}
		for (Cookie set : this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getCookies()) {
			this.cookies.put(set.getName(), set);
		}
	}

}
