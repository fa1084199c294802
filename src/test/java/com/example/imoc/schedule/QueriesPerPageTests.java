package com.example.imoc.schedule;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.RecordedStatements;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * How many SQL statements one page request sends (issue 9): a small bound that does not
 * grow with the number of rotations, people or shifts (no N+1). Every statement prepared
 * or created on a connection in the request's thread counts; MockMvc runs the request in
 * the test's thread.
 */
@IntegrationTest
@Import(RecordedStatements.class)
class QueriesPerPageTests {

	/**
	 * The most statements a page may send, whatever the size of the organisation (the
	 * session store in PostgreSQL, the publication boundary and the gap actions each add
	 * a fixed one or two).
	 */
	static final int BOUND = 16;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	DataChanges changes;

	@Test
	void eachSchedulePageSendsASmallBoundedNumberOfStatements() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Person viewer = staff.get(0);
		int home = statements(viewer, "/");
		int mine = statements(viewer, "/my/shifts");
		int grid = statements(viewer, "/rotations/" + rotation.id());
		int list = statements(viewer, "/rotations");
		assertThat(List.of(home, mine, grid, list)).allSatisfy(n -> assertThat(n).isBetween(1, BOUND));

		// More rotations, people and shifts: the same number of statements.
		for (int i = 0; i < 3; i++) {
			Rotation more = this.testRotations.imocLike(2);
			this.testRotations.staff(more, 4);
			this.maintenance.maintain(more.id());
		}
		assertThat(statements(viewer, "/")).isEqualTo(home);
		assertThat(statements(viewer, "/my/shifts")).isEqualTo(mine);
		assertThat(statements(viewer, "/rotations/" + rotation.id())).isEqualTo(grid);
		assertThat(statements(viewer, "/rotations")).isEqualTo(list);
	}

	/**
	 * The statements one view of the page sends once its caches are warm: a view counts
	 * only when no data change arrived since before the view ahead of it (which filled
	 * the caches at that generation). Notifications from the set-up's own writes arrive
	 * asynchronously and may empty a cache during the first views, which costs reloads
	 * that say nothing about the page's queries; the fewest of the views that count.
	 */
	private int statements(Person viewer, String page) throws Exception {
		int fewest = Integer.MAX_VALUE;
		long warmedAt = -1;
		for (int view = 0; view < 8 && (fewest == Integer.MAX_VALUE || view < 3); view++) {
			long before = this.changes.stamp();
			int sent = RecordedStatements
				.record(() -> this.mvc.perform(get(page).with(user(TestPeople.signedIn(viewer))))
					.andExpect(status().isOk()))
				.size();
			if (!this.changes.isCurrent(before)) {
				warmedAt = -1;
				continue;
			}
			if (warmedAt == before) {
				fewest = Math.min(fewest, sent);
			}
			warmedAt = before;
		}
		assertThat(fewest).as("a view of %s on warm caches", page).isLessThan(Integer.MAX_VALUE);
		return fewest;
	}

}
