package com.example.imoc.browser;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.people.PersonRepository;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation grid as a manager in Bengaluru reads it: in her own time, one click from
 * the home page to next week, a shift that crosses her midnight on both of her days, a
 * partial cover as two parts; every view readable on a phone without sideways scrolling,
 * and axe-core clean.
 */
class RotationGridJourneyTests extends BrowserTest {

	private static final ZoneId BENGALURU = ZoneId.of("Asia/Kolkata");

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	@Autowired
	Shifts shifts;

	@Autowired
	ShiftChanges shiftChanges;

	@Autowired
	Rotations rotations;

	@Autowired
	PersonRepository people;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Clock clock;

	@Test
	void aManagerInBengaluruFindsAShiftCrossingHerMidnightOnTheRightDays() {
		signInAs("arjun.mehta@example.com");
		// the demo's IMOC rotation's card (other journeys add rotations to the same app)
		long imoc = this.rotations.findByName("IMOC").orElseThrow().id();
		WebElement nextWeek = find("a.next-week[href^='/rotations/" + imoc + "?']");
		scrollIntoView(nextWeek);
		andWaitForTheNextPage(nextWeek::click);
		LocalDate nextMonday = LocalDate.ofInstant(this.clock.instant(), BENGALURU)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		assertThat(Pages.firstDay(this)).isEqualTo(nextMonday);
		assertThat(text("h2.period")).contains("Asia/Kolkata");
		screenshot("grid-bengaluru-week");

		// A part that goes on past her midnight, and where the rest of it is.
		List<WebElement> rows = findAll("table.grid tbody tr");
		String shiftId = null;
		int day = -1;
		for (int i = 0; i < rows.size() - 1 && shiftId == null; i++) {
			List<WebElement> continuing = rows.get(i).findElements(By.cssSelector(".part.continues:not(.shadow)"));
			if (!continuing.isEmpty()) {
				shiftId = continuing.get(0).getAttribute("data-shift");
				day = i;
			}
		}
		assertThat(shiftId).as("a shift crosses midnight in Bengaluru this week").isNotNull();
		WebElement evening = rows.get(day).findElement(By.cssSelector(".part[data-shift='" + shiftId + "']"));
		WebElement morning = rows.get(day + 1).findElement(By.cssSelector(".part[data-shift='" + shiftId + "']"));
		assertThat(evening.getText()).contains("continues");
		assertThat(morning.getText()).contains("from previous day");
		assertThat(evening.findElement(By.cssSelector(".hours")).getText()).endsWith("–24:00");
		assertThat(morning.findElement(By.cssSelector(".hours")).getText()).startsWith("00:00–");
		String owner = evening.findElement(By.cssSelector(".owner")).getText();
		assertThat(morning.findElement(By.cssSelector(".owner")).getText()).isEqualTo(owner);

		// The same shift in the rotation's zone (UTC): her evening is the day the UTC
		// hours
		// fall on, shifted by her offset.
		LocalDate herDay = Pages.firstDay(this).plusDays(day);
		String herStart = evening.findElement(By.cssSelector(".hours")).getText().substring(0, 5);
		clickLink("Show in the rotation's zone (UTC)");
		assertThat(text("h2.period")).contains("UTC");
		WebElement utc = find(".part[data-shift='" + shiftId + "']");
		List<WebElement> utcRows = findAll("table.grid tbody tr");
		int utcRow = utcRows.indexOf(utc.findElement(By.xpath("ancestor::tr")));
		LocalDate utcDay = Pages.firstDay(this).plusDays(utcRow);
		LocalTime utcStart = LocalTime.parse(utc.findElement(By.cssSelector(".hours")).getText().substring(0, 5));
		ZonedDateTime inBengaluru = utcDay.atTime(utcStart).atZone(ZoneOffset.UTC).withZoneSameInstant(BENGALURU);
		assertThat(inBengaluru.toLocalDate()).as("her day").isEqualTo(herDay);
		assertThat(inBengaluru.format(CLOCK)).as("her hours").isEqualTo(herStart);
		assertThat(utc.findElement(By.cssSelector(".owner")).getText()).isEqualTo(owner);
	}

	@Test
	void aPartialCoverShowsInTheGridAsTwoPartsWithTheirPeople() {
		Rotation imoc = this.rotations.all().stream().filter(r -> r.name().equals("IMOC")).findFirst().orElseThrow();
		long mei = this.people.findAll()
			.stream()
			.filter(p -> p.getName().equals("Mei Chen"))
			.findFirst()
			.orElseThrow()
			.getId();
		Instant now = this.clock.instant();
		ShiftView covered = this.shifts
			.ofRotation(imoc.id(), now.plus(Duration.ofDays(9)), now.plus(Duration.ofDays(16)))
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(now.plus(Duration.ofDays(9)))
					&& Pages.RESERVED.stream().noneMatch(s.assigneeName()::equals))
			.filter(s -> this.shifts
				.ofPerson(mei, s.start().minus(Duration.ofHours(12)), s.end().plus(Duration.ofHours(12)))
				.isEmpty())
			.findFirst()
			.orElseThrow(() -> new AssertionError("a shift Mei Chen could cover part of"));
		Instant handover = covered.start().plus(Duration.ofHours(2));
		long part = this.transaction.execute(tx -> this.shiftChanges.handOverPart(covered.id(), covered.version(),
				handover, covered.end(), mei, "covering the second part (browser journey)"));

		signInAs("arjun.mehta@example.com");
		open("/rotations/" + imoc.id() + "?from=" + LocalDate.ofInstant(handover, BENGALURU));
		WebElement first = find(".part[data-shift='" + covered.id() + "']");
		WebElement second = find(".part[data-shift='" + part + "']");
		WebElement cell = first.findElement(By.xpath("ancestor::td"));
		assertThat(second.findElement(By.xpath("ancestor::td"))).as("both parts in one cell").isEqualTo(cell);
		assertThat(first.getText()).contains(covered.assigneeName())
			.contains(covered.start().atZone(BENGALURU).format(CLOCK) + "–" + handover.atZone(BENGALURU).format(CLOCK));
		assertThat(second.getText()).contains("Mei Chen").contains(handover.atZone(BENGALURU).format(CLOCK) + "–");
		assertThat(cell.getText().indexOf(covered.assigneeName())).as("in time order")
			.isLessThan(cell.getText().indexOf("Mei Chen"));
		screenshot("grid-partial-cover");
		phone();
		assertThat(first.isDisplayed() && second.isDisplayed()).as("both parts readable on a phone").isTrue();
		screenshot("grid-partial-cover-phone");
		desktop();
	}

	@Test
	void everyViewFitsAPhoneAndPassesAxe() {
		signInAs("arjun.mehta@example.com");
		open("/rotations");
		clickLink("IMOC");
		String rotation = URI.create(this.driver.getCurrentUrl()).getPath();
		List<String> problems = new ArrayList<>();
		for (String query : List.of("", "?view=4weeks", "?view=month", "?zone=rotation", "?view=month&zone=rotation")) {
			open(rotation + query);
			checkPhoneAndAxe(problems, "rotation" + query, "table.grid td, table.month td:not(.outside)");
		}
		open("/calendar");
		checkPhoneAndAxe(problems, "calendar", "main");

		signInAs("coordinator@example.com");
		open(rotation.replace("/rotations/", "/admin/rotations/") + "/participants");
		checkPhoneAndAxe(problems, "participants", "main table td");
		open(rotation + "?view=month");
		checkPhoneAndAxe(problems, "rotation month as the coordinator", "table.month td:not(.outside)");
		assertThat(problems).as("pages with problems").isEmpty();
	}

	/**
	 * axe-core at desktop width; at 390 px the document is no wider than the screen, no
	 * table scrolls inside its frame, and every cell of {@code cells} lies within the
	 * screen.
	 */
	private void checkPhoneAndAxe(List<String> problems, String name, String cells) {
		String page = name + " (" + this.driver.getCurrentUrl() + ")";
		try {
			desktop();
			assertAccessible();
			phone();
			assertAccessible();
			Number scrollWidth = (Number) js("return document.documentElement.scrollWidth;");
			Number clientWidth = (Number) js("return document.documentElement.clientWidth;");
			assertThat(scrollWidth.intValue()).as("document width at 390 px")
				.isLessThanOrEqualTo(clientWidth.intValue());
			Object wideWraps = js("""
					return [...document.querySelectorAll('.table-wrap')]
					  .filter(w => w.scrollWidth > w.clientWidth + 1).length;""");
			assertThat(((Number) wideWraps).intValue()).as("tables scrolling sideways inside their frame").isZero();
			Object outside = js(
					"""
							const w = document.documentElement.clientWidth;
							return [...document.querySelectorAll(arguments[0])]
							  .filter(c => { const r = c.getBoundingClientRect(); return r.width === 0 || r.right > w + 1; }).length;""",
					cells);
			assertThat(((Number) outside).intValue()).as("cells not fully on the screen").isZero();
			screenshot("grid-" + name.replaceAll("[^a-z0-9]+", "-") + "-phone");
		}
		catch (AssertionError | RuntimeException ex) {
			problems.add(page + ": " + ex.getMessage());
		}
		finally {
			desktop();
		}
	}

}
