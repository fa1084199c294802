package com.example.imoc.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.example.imoc.browser.Pages.ShiftRow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What managers and the coordinator do in the browser, step by step, checked by what the
 * pages show them.
 */
class JourneyTests extends BrowserTest {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	@Test
	void aManagerSeesWhoIsOnCallAndTheirShiftsInTheirOwnZone() {
		signInAs("emily.davis@example.com");

		assertThat(heading()).isEqualTo("Who is on call now");
		assertThat(pageText()).contains("America/Chicago");
		WebElement now = find(".card .oncall .who");
		assertThat(now.getText()).isNotBlank();
		WebElement next = this.driver.findElement(By.xpath("//article[h2='Your next shift']"));
		assertThat(next.getText()).contains("(America/Chicago)").containsPattern("in \\d+ [dhm]");

		clickLink("All your shifts");
		assertThat(heading()).isEqualTo("My shifts");
		assertThat(text("main > section > p")).contains("Times in your zone, America/Chicago");
		List<WebElement> rows = findAll("tr[id^=shift-]");
		assertThat(rows).isNotEmpty();
		for (WebElement row : rows.subList(0, Math.min(3, rows.size()))) {
			WebElement start = row.findElement(By.tagName("time"));
			String expected = Instant.parse(start.getAttribute("datetime"))
				.atZone(ZoneId.of("America/Chicago"))
				.format(CLOCK);
			assertThat(start.getText()).as("start shown in Chicago time").endsWith(expected);
			assertThat(row.getText()).contains("UTC");
		}
		screenshot("journey-my-shifts-chicago");
	}

	@Test
	void aSwapRequestedThroughTheFormIsAcceptedByTheCounterpart() {
		signInAs("jane.doe@example.com");
		clickLink("My shifts");
		List<WebElement> offerable = findAll("tr[id^=shift-]").stream()
			.filter(row -> !row.findElements(By.linkText("Request swap / cover")).isEmpty())
			.toList();
		ShiftRow given = ShiftRow.of(offerable.get(offerable.size() - 1));
		andWaitForTheNextPage(given.element().findElement(By.linkText("Request swap / cover"))::click);

		assertThat(heading()).isEqualTo("Swap or hand over a shift");
		assertThat(findAll("#counterpartShiftId")).as("no kind chosen yet").isEmpty();
		click("label[for=kind-swap]");
		waitFor("#counterpartShiftId");
		// one shift for one shift (BlockSwapJourneyTests gives a whole block)
		click("label[for=scope-shift]");
		click("label[for=counterpart-shift]");
		Select counterpartShift = new Select(find("#counterpartShiftId"));
		WebElement option = counterpartShift.getOptions()
			.stream()
			.filter(o -> !o.getAttribute("value").isEmpty() && Pages.RESERVED.stream().noneMatch(o.getText()::contains))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no shift to swap with " + given));
		long takenId = Long.parseLong(option.getAttribute("value"));
		String counterpart = option.getText().replaceAll("^.* · (.+)$", "$1");
		counterpartShift.selectByValue(String.valueOf(takenId));
		clickButton("Preview");

		WebElement preview = waitFor("#preview-title").findElement(By.xpath(".."));
		assertThat(preview.getText()).contains("Jane Doe", counterpart);
		assertThat(new Select(find("#counterpartShiftId")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo(String.valueOf(takenId));
		clickButton("Send request");
		assertThat(text(".flash")).startsWith("Request sent.");
		String requestPath = URI.create(this.driver.getCurrentUrl()).getPath();
		String requestTitle = heading().replace(" request", "");

		signInAs(emailOf(counterpart));
		assertThat(text("#swaps-waiting")).as("the navigation counts the request waiting for them")
			.matches("[1-9]\\d*");
		assertThat(text("main")).contains("Jane Doe asks you to swap shifts.");
		andWaitForTheNextPage(find("nav a[href='/swaps']")::click);
		WebElement waiting = this.driver
			.findElement(By.xpath("//h2[.='Waiting for your answer']/following-sibling::div[1]"));
		assertThat(waiting.getText()).contains(requestTitle, "Jane Doe → " + counterpart);
		andWaitForTheNextPage(waiting.findElement(By.linkText(requestTitle))::click);
		assertThat(URI.create(this.driver.getCurrentUrl()).getPath()).isEqualTo(requestPath);
		assertThat(find("#preview-title").findElement(By.xpath("..")).getText()).contains("Jane Doe", counterpart);
		screenshot("journey-swap-answer");
		clickButton("Accept");
		assertThat(text(".flash")).startsWith("Accepted");

		clickLink("My shifts");
		assertThat(findAll("#shift-" + given.id())).as("%s now holds Jane's shift", counterpart).hasSize(1);
		assertThat(findAll("#shift-" + takenId)).as("%s gave their shift away", counterpart).isEmpty();
		ShiftRow taken = ShiftRow.of(find("#shift-" + given.id()));
		open("/my/shifts");

		signInAs("jane.doe@example.com");
		open("/my/shifts");
		assertThat(findAll("#shift-" + takenId)).as("Jane now holds the shift she asked for").hasSize(1);
		assertThat(findAll("#shift-" + given.id())).as("Jane gave hers away").isEmpty();
		ShiftRow janes = ShiftRow.of(find("#shift-" + takenId));

		andWaitForTheNextPage(janes.element().findElement(By.linkText("IMOC"))::click);
		assertThat(Pages.cell(this, janes.date(), janes.slot())).contains("Jane Doe");
		open(URI.create(this.driver.getCurrentUrl()).getPath() + "?week=" + taken.date());
		assertThat(Pages.cell(this, taken.date(), taken.slot())).contains(counterpart);
		screenshot("journey-swap-grid");
	}

	@Test
	void anOpenCoverIsTakenByAThirdPerson() {
		signInAs("priya.raman@example.com");
		open("/my/shifts");
		List<WebElement> offerable = findAll("tr[id^=shift-]").stream()
			.filter(row -> !row.findElements(By.linkText("Request swap / cover")).isEmpty())
			.toList();
		ShiftRow offered = ShiftRow.of(offerable.get(offerable.size() - 1));
		andWaitForTheNextPage(offered.element().findElement(By.linkText("Request swap / cover"))::click);

		click("label[for=kind-cover]");
		waitFor("#toPersonId");
		String taker = new Select(find("#toPersonId")).getOptions()
			.stream()
			.map(o -> o.getText().replaceAll(" \\(.*\\)$", ""))
			.filter(name -> !name.equals("Choose a person") && !Pages.RESERVED.contains(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nobody can take " + offered));
		click("label[for=kind-open]");
		waitFor("#deadline");
		click("label[for=scope-shift]");
		type("#message", "School play that evening");
		clickButton("Send request");
		assertThat(heading()).startsWith("Open cover request #");
		assertThat(pageText()).contains("anyone eligible (first to take it)");
		String title = heading().replace(" request", "");

		signInAs(emailOf(taker));
		open("/swaps");
		WebElement open = this.driver
			.findElement(By.xpath("//h2[.='Open covers you can take']/following-sibling::div[1]"));
		assertThat(open.getText()).contains(title, "Priya Raman → anyone");
		andWaitForTheNextPage(open.findElement(By.linkText(title))::click);
		assertThat(pageText()).contains("School play that evening");
		clickButton("Take this shift");
		assertThat(text(".flash")).startsWith("Accepted");
		assertThat(find(".tag").getText()).isNotEqualTo("Waiting");

		open("/my/shifts");
		assertThat(findAll("#shift-" + offered.id())).as("%s holds the shift now", taker).hasSize(1);
		signInAs("priya.raman@example.com");
		open("/my/shifts");
		assertThat(findAll("#shift-" + offered.id())).as("Priya no longer holds it").isEmpty();
	}

	@Test
	void aManagerCopiesTheirFeedUrlAndTheFeedListsTheirShifts() throws Exception {
		signInAs("john.smith@example.com");
		open("/my/shifts");
		List<Long> shiftIds = findAll("tr[id^=shift-]").stream()
			.map(row -> Long.parseLong(row.getAttribute("id").substring("shift-".length())))
			.toList();
		assertThat(shiftIds).isNotEmpty();

		clickLink("Calendar");
		assertThat(heading()).isEqualTo("Calendar subscriptions");
		WebElement mine = findAll(".feed").get(0);
		assertThat(mine.findElement(By.tagName("h2")).getText()).containsIgnoringCase("shifts");
		andWaitForTheNextPage(mine.findElement(By.xpath(".//button[.='Create a feed URL']"))::click);

		WebElement url = waitFor("input.secret");
		String copied = url.getAttribute("value");
		assertThat(copied).matches("https?://.+/ical/[^/]+\\.ics");
		WebElement copy = find("button.copy");
		copy.click();
		waitUntil(d -> copy.getText().equals("Copied"));
		assertThat(find("a[href^='webcal://']").getAttribute("href")).endsWith(URI.create(copied).getPath());
		screenshot("journey-calendar-new-feed");

		// The URL carries the configured public base URL; the test server listens on a
		// random port.
		HttpResponse<String> feed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(URI.create(copied).getPath()))).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(feed.statusCode()).isEqualTo(200);
		assertThat(feed.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/calendar"));
		assertThat(feed.body()).startsWith("BEGIN:VCALENDAR");
		for (long id : shiftIds) {
			assertThat(feed.body()).containsPattern("UID:shift-" + id + "@");
		}
	}

	@Test
	void aRecordedIncidentShowsInTheMonthsAvailability() {
		Instant declared = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
		String month = declared.atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
		signInAs("david.okafor@example.com");
		open("/availability?month=" + month);
		String before = this.driver.findElement(By.xpath("//dt[.='Platform']/following-sibling::dd")).getText();

		open("/incidents");
		clickLink("Record an incident");
		type("#title", "Checkout returns 502 for everyone");
		choose("#severity", new Select(find("#severity")).getOptions().get(1).getText());
		pick("#impactStartedAt", local(declared));
		pick("#declaredAt", local(declared));
		pick("#mitigatedAt", local(declared.plus(40, ChronoUnit.MINUTES)));
		pick("#resolvedAt", local(declared.plus(90, ChronoUnit.MINUTES)));
		choose("#status", "Resolved");
		choose("#rootCause", "Config-Change");
		type("#services0\\.impact", "1");
		clickButton("Record incident");

		assertThat(heading()).contains("Checkout returns 502 for everyone");
		open("/availability?month=" + month);
		String after = this.driver.findElement(By.xpath("//dt[.='Platform']/following-sibling::dd")).getText();
		assertThat(percent(after)).as("the platform figure drops with a 40-minute outage").isLessThan(percent(before));
		assertThat(pageText()).contains("Checkout returns 502 for everyone");
		assertThat(findAll("figure.chart svg")).hasSizeGreaterThanOrEqualTo(1);
		assertThat(find("figure.chart svg").getSize().getHeight()).isPositive();
		screenshot("journey-availability");
	}

	@Test
	void badFormsShowTheProblemBesideTheFieldAndKeepWhatWasTyped() {
		signInAs("emily.davis@example.com");
		open("/my/shifts");
		long past = Long.parseLong(findAll("tr[id^=shift-]").get(findAll("tr[id^=shift-]").size() - 1)
			.getAttribute("id")
			.substring("shift-".length()));
		open("/swaps/new?shift=" + past);
		assertThat(text("[role=alert]")).contains("has already started; only future shifts can change hands");
		assertThat(findAll("form[action*='/swaps']")).as("no form for a shift in the past").isEmpty();

		open("/my/shifts");
		List<WebElement> offers = findAll("tr[id^=shift-] a[href*='/swaps/new']");
		andWaitForTheNextPage(offers.get(offers.size() - 1)::click);
		Instant start = Instant.parse(find(".card time").getAttribute("datetime"));
		LocalDateTime local = LocalDateTime.ofInstant(start, ZoneId.of("America/Chicago"));
		click("label[for=kind-cover]");
		waitFor("#toPersonId");
		String person = new Select(find("#toPersonId")).getOptions().get(1).getText();
		choose("#toPersonId", person);
		pick("#partStart", local.plusHours(2).toString());
		pick("#partEnd", local.plusHours(1).toString());
		type("#message", "Dentist at noon");
		clickButton("Send request");

		WebElement partEnd = find("#partEnd").findElement(By.xpath(".."));
		assertThat(partEnd.findElement(By.cssSelector(".field-error")).getText())
			.isEqualTo("Give both the start and the end of the part, the end after the start.");
		assertThat(find("#partEnd").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(find("#kind-cover").isSelected()).isTrue();
		assertThat(new Select(find("#toPersonId")).getFirstSelectedOption().getText()).isEqualTo(person);
		assertThat(find("#partStart").getAttribute("value")).startsWith(local.plusHours(2).toString());
		assertThat(find("#message").getAttribute("value")).isEqualTo("Dentist at noon");
		screenshot("journey-swap-form-error");

		open("/incidents/new");
		type("#title", "Search slow in EU");
		pick("#declaredAt", "2026-10-03T10:00");
		pick("#mitigatedAt", "2026-10-03T09:30");
		clickButton("Record incident");

		WebElement mitigated = find("#mitigatedAt").findElement(By.xpath(".."));
		assertThat(mitigated.findElement(By.cssSelector(".field-error")).getText())
			.contains("Mitigation comes at or after the declaration.");
		assertThat(find("#title").getAttribute("value")).isEqualTo("Search slow in EU");
		assertThat(find("#declaredAt").getAttribute("value")).startsWith("2026-10-03T10:00");
		assertThat(find("#mitigatedAt").getAttribute("value")).startsWith("2026-10-03T09:30");
		screenshot("journey-incident-form-error");
	}

	@Test
	void theCoordinatorEditsSomeoneAddsTimeAwayAndSeesTheRepair() throws InterruptedException {
		signInAs("coordinator@example.com");
		clickLink("Admin");
		clickLink("Grace Mwangi");
		long person = Long.parseLong(URI.create(this.driver.getCurrentUrl()).getPath().replaceAll("\\D+", ""));
		open("/admin/people/" + person + "/edit");
		type("#preferredSlots", "05:00-11:00, 11:00-15:00");
		clickButton("Save");
		assertThat(text(".flash")).isEqualTo("Grace Mwangi was saved.");
		open("/admin/people/" + person + "/edit");
		assertThat(find("#preferredSlots").getAttribute("value")).contains("05:00-11:00").contains("11:00-15:00");

		open("/rotations");
		clickLink("IMOC");
		String rotation = URI.create(this.driver.getCurrentUrl()).getPath();
		open(rotation + "?days=28&person=" + person);
		LocalDate start = Pages.firstDay(this);
		LocalDate firstDay = null;
		List<WebElement> rows = findAll("table.grid tbody tr");
		for (int i = 0; i < rows.size() && firstDay == null; i++) {
			LocalDate day = start.plusDays(i);
			if (day.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(3))
					&& !rows.get(i).findElements(By.cssSelector(".part.highlight")).isEmpty()) {
				firstDay = day;
			}
		}
		assertThat(firstDay).as("Grace has a shift in the next four weeks").isNotNull();

		open("/people/" + person + "/time-away");
		choose("#kind", "PTO");
		pick("#first", firstDay.minusDays(1).toString());
		pick("#last", firstDay.plusDays(2).toString());
		type("#note", "Family visit");
		clickButton("Add");
		assertThat(text(".flash")).startsWith("Saved.");
		assertThat(pageText()).contains("Family visit");

		open(rotation);
		clickButton("Extend now");
		assertThat(text(".flash")).contains("being repaired and extended");
		String week = rotation + "?days=7&week=" + firstDay;
		for (int attempt = 0; attempt < 30 && rowsMention(week, firstDay, "Grace Mwangi"); attempt++) {
			Thread.sleep(500);
		}
		assertThat(rowsMention(week, firstDay, "Grace Mwangi")).as("Grace's shifts during her PTO went to others")
			.isFalse();
		assertThat(pageText()).contains("Grace Mwangi: PTO");
		screenshot("journey-repaired-grid");
	}

	private boolean rowsMention(String week, LocalDate firstDay, String name) {
		open(week);
		LocalDate start = Pages.firstDay(this);
		int first = (int) (firstDay.toEpochDay() - start.toEpochDay());
		List<WebElement> rows = findAll("table.grid tbody tr");
		return rows.get(first).getText().contains(name) || rows.get(first + 1).getText().contains(name);
	}

	private static String local(Instant utc) {
		return LocalDateTime.ofInstant(utc, ZoneOffset.UTC).toString();
	}

	private static double percent(String text) {
		Matcher number = Pattern.compile("[0-9.]+").matcher(text);
		assertThat(number.find()).isTrue();
		return Double.parseDouble(number.group());
	}

}
