package com.example.imoc.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole application with its demo organisation on a random port, driven by one
 * headless Chromium shared by every browser test. All browser test classes extend this,
 * so they share one application context and one database: each journey uses its own
 * people so that journeys do not step on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "imoc.demo=true", "imoc.schedule.extend-on-startup=false" })
@ActiveProfiles("test")
abstract class BrowserTest {

	static final int DESKTOP_WIDTH = 1280;

	static final int PHONE_WIDTH = 390;

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	int port;

	ChromeDriver driver;

	/**
	 * A failed journey leaves a screenshot and the page's text in
	 * target/screenshots/failures to look at.
	 */
	@RegisterExtension
	final TestWatcher keepEvidence = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (BrowserTest.this.driver == null) {
				return;
			}
			String name = "failures/" + context.getRequiredTestMethod().getName();
			try {
				screenshot(name);
				Files.writeString(SCREENSHOTS.resolve(name + ".txt"),
						BrowserTest.this.driver.getCurrentUrl() + "\n\n" + BrowserTest.this.driver.getPageSource());
			}
			catch (RuntimeException | IOException ex) {
				cause.addSuppressed(ex);
			}
		}

	};

	@BeforeEach
	void freshSession() {
		this.driver = Browser.driver();
		this.driver.manage().deleteAllCookies();
		desktop();
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	void open(String path) {
		this.driver.get(url(path));
	}

	/**
	 * Signs in through the login form, as a person would; ends on the page the app sends
	 * them to.
	 */
	void signInAs(String email) {
		this.driver.manage().deleteAllCookies();
		open("/login");
		this.driver.findElement(By.id("username")).sendKeys(email);
		this.driver.findElement(By.id("password")).sendKeys("demo");
		this.driver.findElement(By.cssSelector("form button[type=submit]")).click();
		waitUntil(d -> !d.getCurrentUrl().contains("/login"));
	}

	static String emailOf(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace(' ', '.') + "@example.com";
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	String text(String css) {
		return find(css).getText();
	}

	String pageText() {
		return text("main");
	}

	String heading() {
		return text("h1");
	}

	void click(String css) {
		WebElement element = find(css);
		scrollIntoView(element);
		element.click();
	}

	void clickLink(String linkText) {
		waitForTheDocument();
		WebElement link = this.driver.findElement(By.linkText(linkText));
		scrollIntoView(link);
		andWaitForTheNextPage(link::click);
	}

	/**
	 * Presses a button; a submit button's next page has loaded when this returns. The
	 * button is looked up again if the page it was found on was still being replaced
	 * (Chromium then reports a node "not in the document").
	 */
	void clickButton(String label) {
		waitForTheDocument();
		for (int attempt = 1;; attempt++) {
			try {
				WebElement button = this.driver
					.findElement(By.xpath("//main//button[normalize-space()='" + label + "']"));
				scrollIntoView(button);
				if ("button".equals(button.getAttribute("type"))) {
					button.click();
				}
				else {
					andWaitForTheNextPage(button::click);
				}
				return;
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
			catch (WebDriverException ex) {
				if (attempt == 3 || String.valueOf(ex.getMessage()).indexOf("does not belong to the document") < 0) {
					throw ex;
				}
			}
			waitForTheDocument();
		}
	}

	void andWaitForTheNextPage(Runnable action) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		action.run();
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(d -> isGone(page));
		waitForTheDocument();
	}

	/**
	 * Whether an element left the document. Chromium's driver sometimes says so with an
	 * "unhandled inspector error" instead of a stale-element error: both mean gone.
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	private void waitForTheDocument() {
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	void type(String css, String value) {
		WebElement input = find(css);
		input.clear();
		input.sendKeys(value);
	}

	void choose(String css, String visibleText) {
		new Select(find(css)).selectByVisibleText(visibleText);
	}

	/**
	 * Date and time pickers are typed differently in every browser locale, so their value
	 * is set as the picker would set it (with the events it fires); every other field is
	 * typed key by key.
	 */
	void pick(String css, String isoValue) {
		WebElement input = find(css);
		js("arguments[0].value = arguments[1];" + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
				+ "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, isoValue);
	}

	Object js(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	void scrollIntoView(WebElement element) {
		js("arguments[0].scrollIntoView({block: 'center'});", element);
	}

	<T> T waitUntil(Function<org.openqa.selenium.WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(condition::apply);
	}

	WebElement waitFor(String css) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	void desktop() {
		this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(DESKTOP_WIDTH, 900));
	}

	/**
	 * A phone-sized viewport (390 CSS pixels, like an iPhone 14), with touch and the
	 * viewport meta tag honoured.
	 */
	void phone() {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 1, "mobile", true));
	}

	void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS.resolve(name).getParent());
			Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
			Files.deleteIfExists(shot);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not save the screenshot " + name, ex);
		}
	}

	/**
	 * The document itself must not scroll sideways; a wide table may scroll inside its
	 * own {@code .table-wrap}.
	 */
	void assertNoHorizontalScrolling() {
		Number scrollWidth = (Number) js("return document.documentElement.scrollWidth;");
		Number innerWidth = (Number) js("return window.innerWidth;");
		if (scrollWidth.intValue() > innerWidth.intValue()) {
			Object culprits = js(
					"""
							const w = window.innerWidth; const out = [];
							for (const e of document.querySelectorAll('body *')) {
							  const r = e.getBoundingClientRect();
							  if (r.right > w + 1 && !e.closest('.table-wrap')) {
							    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ' right=' + Math.round(r.right));
							  }
							}
							return out.slice(0, 8).join('\\n');""");
			fail("%s scrolls sideways at %d px: the document is %d px wide. Widest elements:%n%s",
					this.driver.getCurrentUrl(), innerWidth.intValue(), scrollWidth.intValue(), culprits);
		}
	}

	/**
	 * The element is on screen (not hidden, not zero-sized, inside the viewport's width)
	 * and is what a tap hits.
	 */
	void assertUsable(WebElement control) {
		scrollIntoView(control);
		assertThat(control.isDisplayed()).as("%s is visible", describe(control)).isTrue();
		Boolean onTop = (Boolean) js("""
				const e = arguments[0]; const r = e.getBoundingClientRect();
				if (r.width === 0 || r.height === 0 || r.left < 0 || r.right > window.innerWidth + 1) return false;
				const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				return hit === e || e.contains(hit) || (hit !== null && hit.contains(e));""", control);
		assertThat(onTop).as("%s is inside the screen and not covered", describe(control)).isTrue();
	}

	private static String describe(WebElement element) {
		String text = element.getText().isBlank() ? element.getAttribute("value") : element.getText();
		return "<" + element.getTagName() + "> \"" + text + "\"";
	}

	/**
	 * axe-core on the page as it is now: no serious or critical violation. Every rule
	 * runs; axe is run in the page itself ("legacy" mode: the default runs each frame
	 * partially and finishes in a new blank window it opens and closes every time, which
	 * only cross-origin frames need, and these pages have none), and only the violations
	 * are reported in full (passing nodes are not serialised back to the test).
	 */
	void assertAccessible() {
		AxeRunOptions options = new AxeRunOptions();
		options.setResultTypes(List.of("violations"));
		Results results = new AxeBuilder().setLegacyMode(true).withOptions(options).analyze(this.driver);
		List<Rule> bad = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.toList();
		if (!bad.isEmpty()) {
			fail("axe-core found serious or critical problems on %s:%n%s", this.driver.getCurrentUrl(),
					bad.stream().map(BrowserTest::describe).collect(Collectors.joining("\n")));
		}
	}

	private static String describe(Rule rule) {
		return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
				+ rule.getNodes()
					.stream()
					.limit(5)
					.map(node -> "    " + node.getTarget() + " " + summary(node))
					.collect(Collectors.joining("\n"));
	}

	private static String summary(CheckedNode node) {
		String html = node.getHtml() == null ? "" : node.getHtml();
		return (html.length() > 160 ? html.substring(0, 160) + "…" : html).replace('\n', ' ');
	}

}
