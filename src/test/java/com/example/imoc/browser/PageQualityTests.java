package com.example.imoc.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main page, as the person who uses it sees it: axe-core finds no serious or
 * critical problem at desktop width; at phone width (390 px) the document does not scroll
 * sideways and the page's main controls can be tapped. Each page leaves a desktop and a
 * phone screenshot in target/screenshots. Problems are collected over all pages and
 * reported together.
 */
class PageQualityTests extends BrowserTest {

	private final List<String> problems = new ArrayList<>();

	@Test
	void everyMainPagePassesAxeAndFitsAPhone() {
		open("/login");
		check("login", "button[type=submit]");

		signInAs("lars.nielsen@example.com");
		check("home", "nav a[href='/my/shifts']");
		open("/my/shifts");
		check("my-shifts", "a[href^='/swaps/new']");
		String offer = lastOffer();
		open("/rotations");
		check("rotations", "main a[href^='/rotations/']");
		clickLink("IMOC");
		String rotation = URI.create(this.driver.getCurrentUrl()).getPath();
		check("rotation", "form.filters button");
		open(rotation + "?days=28");
		check("rotation-four-weeks", "nav.pager a");
		open(offer);
		check("swap-new", "#kind-swap");
		open(offer + "&kind=SWAP");
		check("swap-new-swap", "#shiftPerson");
		open(offer + "&kind=COVER");
		check("swap-new-cover", "#personQuery");
		open(offer);
		click("label[for=kind-open]");
		waitFor("#deadline");
		check("swap-new-open-cover", "button[value=send]");
		type("#message", "Parents' evening");
		clickButton("Send request");
		check("swap-request", "form[action$='/cancel'] button");
		open("/swaps");
		check("swaps", "main a[href^='/swaps/']");
		open("/calendar");
		check("calendar", ".feed button[type=submit]");
		andWaitForTheNextPage(find(".feed button[type=submit]")::click);
		check("calendar-new-feed", "input.secret");
		open("/incidents");
		check("incidents", "a[href='/incidents/new']");
		clickLink(find("main table a").getText());
		check("incident", "h1");
		open("/incidents/new");
		check("incident-new", "form button.primary");
		clickButton("Record incident");
		check("incident-new-errors", ".field-error");
		open("/availability");
		check("availability", "figure.chart svg");
		open("/profile");
		check("profile", "main button");
		open("/my/time-away");
		check("time-away", "form button.primary");
		open("/reports/time-in-lieu");
		check("time-in-lieu", "h1");
		open("/rotations/987654");
		check("not-found", "main a");

		signInAs("coordinator@example.com");
		open("/admin/people");
		check("admin-people", "a[href='/admin/people/new']");
		clickLink("Jane Doe");
		check("admin-person", "main a[href$='/edit']");
		String person = URI.create(this.driver.getCurrentUrl()).getPath();
		open(person + "/edit");
		check("admin-person-edit", "form button.primary");
		open(person.replace("/admin", "") + "/time-away");
		check("admin-time-away", "form button.primary");
		open("/admin/audit");
		check("admin-audit", "h1");
		open(rotation.replace("/rotations/", "/admin/rotations/") + "/fairness");
		check("admin-fairness", "h1");
		open(rotation.replace("/rotations/", "/admin/rotations/") + "/settings");
		check("admin-rotation-settings", "form button.primary");
		open(rotation.replace("/rotations/", "/admin/rotations/") + "/participants");
		check("admin-participants", "h1");
		open(rotation.replace("/rotations/", "/admin/rotations/") + "/publish");
		check("admin-publish", "form button.primary");
		open(rotation + "/health");
		check("rotation-health", "form.filters button");
		open("/swaps");
		check("swaps-coordinator", "h1");
		open("/admin/holidays");
		check("admin-holidays", "h1");
		open("/admin/gitlab/import");
		check("admin-gitlab-import", "form button.primary");
		open("/admin/pagerduty");
		check("admin-pagerduty-import", "form button[type=submit]");

		assertThat(this.problems).as("pages with problems").isEmpty();
	}

	/**
	 * From {@code /swaps/new} to a sent request with keys only (Tab, arrows, typing,
	 * Enter; no clicks): the kind, a search for the taker, the choice, a message, the
	 * preview beside the Send button (both on screen, Send focused), and Enter to send.
	 */
	@Test
	void theSwapFormWorksWithTheKeyboardAlone() {
		signInAs("maria.alvarez@example.com");
		open("/my/shifts");
		open(lastOffer());
		Actions keys = new Actions(this.driver);

		assertThat(findAll("#toPersonId, #counterpartShiftId")).as("no kind chosen yet, no kind's fields").isEmpty();
		tabUntil("#kind-swap", keys);
		keys.sendKeys(Keys.ARROW_DOWN).perform();
		assertThat(find("#kind-cover").isSelected()).as("an arrow key chooses the next kind").isTrue();
		waitFor("#personQuery");
		assertThat(findAll("#counterpartShiftId, #deadline")).as("only the cover's fields").isEmpty();
		checkAccessible("swap-form-keyboard-cover");

		List<String> names = new Select(find("#toPersonId")).getOptions()
			.stream()
			.filter(o -> !o.getAttribute("value").isEmpty())
			.map(o -> o.getText().replaceAll(" \\(.*\\)$", ""))
			.toList();
		assertThat(names).as("people who may take the shift").isNotEmpty();
		String taker = names.get(names.size() - 1);
		tabUntil("#personQuery", keys);
		keys.sendKeys(taker.toLowerCase()).perform();
		waitUntil(d -> find("#cover-status").getText().equals("1 found."));
		List<WebElement> found = new Select(find("#toPersonId")).getOptions();
		assertThat(found).as("the placeholder and the one match").hasSize(2);
		assertThat(found.get(1).getText()).startsWith(taker + " (");
		tabUntil("#toPersonId", keys);
		keys.sendKeys(Keys.ARROW_DOWN).perform();
		String chosen = find("#toPersonId").getAttribute("value");
		assertThat(chosen).as("the taker is chosen from the keyboard").isNotEmpty();
		tabUntil("#message", keys);
		keys.sendKeys("Typed without a mouse").perform();
		tabUntil("button[value=preview]", keys);
		keys.sendKeys(Keys.ENTER).perform();

		waitFor("#preview-title");
		assertThat(find("#toPersonId").getAttribute("value")).isEqualTo(chosen);
		assertThat(find("#personQuery").getAttribute("value")).isEqualTo(taker.toLowerCase());
		assertThat(find("#message").getAttribute("value")).isEqualTo("Typed without a mouse");
		assertThat(this.driver.switchTo().activeElement()).as("Send has the focus after the preview")
			.isEqualTo(find("button[value=send]"));
		assertThat(onScreen("#preview-title")).as("the preview is on screen").isTrue();
		assertThat(onScreen("button[value=send]")).as("beside the Send button").isTrue();
		checkAccessible("swap-form-keyboard-preview");
		keys.sendKeys(Keys.ENTER).perform();
		waitUntil(d -> d.getCurrentUrl().matches(".*/swaps/\\d+$"));
		assertThat(text(".flash")).startsWith("Request sent.");
		assertThat(text("#request-headline")).isEqualTo("You asked " + taker + " to take a shift of yours.");
		assertThat(this.problems).isEmpty();
	}

	private boolean onScreen(String css) {
		return (Boolean) js("const r = arguments[0].getBoundingClientRect();"
				+ "return r.top >= 0 && r.bottom <= window.innerHeight;", find(css));
	}

	private void checkAccessible(String name) {
		try {
			assertAccessible();
		}
		catch (AssertionError ex) {
			this.problems.add(name + ": " + ex.getMessage());
		}
		screenshot(name);
	}

	/**
	 * Presses Tab until the element has focus, checking that every element on the way
	 * shows where focus is.
	 */
	private void tabUntil(String css, Actions keys) {
		WebElement target = find(css);
		for (int presses = 0; presses < 80; presses++) {
			if (target.equals(this.driver.switchTo().activeElement())) {
				return;
			}
			keys.sendKeys(Keys.TAB).perform();
			WebElement focused = this.driver.switchTo().activeElement();
			String outline = focused.getCssValue("outline-style");
			assertThat(outline)
				.as("focus is visible on <%s id=%s type=%s> %s", focused.getTagName(), focused.getAttribute("id"),
						focused.getAttribute("type"), focused.getText())
				.isNotEqualTo("none");
		}
		throw new AssertionError("Tab never reached " + css);
	}

	private String lastOffer() {
		List<WebElement> offers = findAll("a[href^='/swaps/new']");
		assertThat(offers).as("shifts this person can offer").isNotEmpty();
		return URI.create(offers.get(offers.size() - 1).getAttribute("href")).getPath() + "?"
				+ URI.create(offers.get(offers.size() - 1).getAttribute("href")).getQuery();
	}

	/**
	 * Axe and a desktop screenshot, then at phone width: no sideways scrolling, the main
	 * control usable.
	 */
	private void check(String name, String mainControl) {
		String page = name + " (" + this.driver.getCurrentUrl() + ")";
		try {
			desktop();
			assertAccessible();
		}
		catch (AssertionError ex) {
			this.problems.add(page + ": " + ex.getMessage());
		}
		screenshot(name + "-desktop");
		try {
			phone();
			assertNoHorizontalScrolling();
			assertUsable(waitFor(mainControl));
			js("window.scrollTo(0, 0); document.querySelectorAll('.table-wrap').forEach(w => w.scrollLeft = 0);");
			screenshot(name + "-phone");
		}
		catch (AssertionError | RuntimeException ex) {
			this.problems.add(page + " at " + PHONE_WIDTH + " px: " + ex.getMessage());
		}
		finally {
			desktop();
		}
	}

}
