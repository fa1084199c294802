package com.example.imoc.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium for the whole test run, driven through Debian's
 * chromedriver. Nothing is downloaded: both binaries are given by path, so Selenium
 * Manager never runs. Without them the tests fail and say what to install rather than
 * skipping.
 */
final class Browser {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static ChromeDriver driver;

	private static Path profile;

	private Browser() {
	}

	static synchronized ChromeDriver driver() {
		if (driver == null) {
			driver = start();
			Runtime.getRuntime().addShutdownHook(new Thread(Browser::stop, "browser-shutdown"));
		}
		return driver;
	}

	private static ChromeDriver start() {
		for (String binary : new String[] { CHROMIUM, CHROMEDRIVER }) {
			if (!new File(binary).canExecute()) {
				throw new IllegalStateException(binary + " is missing: the browser tests need Debian's chromium and "
						+ "chromium-driver (apt-get install chromium chromium-driver; .ci/run does it).");
			}
		}
		System.setProperty("SE_AVOID_STATS", "true");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		try {
			profile = Files.createTempDirectory("imoc-chromium-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a profile directory for Chromium", ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-extensions", "--lang=en-GB", "--window-size=1280,900",
				"--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static synchronized void stop() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ignored) {
				// a leftover temp directory is harmless
			}
		}
	}

}
