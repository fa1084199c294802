package com.example.imoc.browser;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rejected form in the browser: the coordinator fixes the one field the page points at
 * and sends it again, without typing anything else twice (docs/ARCHITECTURE.md, "Forms").
 */
class FormJourneyTests extends BrowserTest {

	@Test
	void theCoordinatorFixesOneBadSettingAndResubmitsWithoutRetyping() {
		signInAs("coordinator@example.com");
		open("/admin/rotations/new");
		String name = "Forms journey " + System.nanoTime();
		type("#name", name);
		type("#slots", "06:00-18:00\n18:00-06:00");
		clickButton("Create rotation");
		String settings = URI.create(this.driver.getCurrentUrl()).getPath().replace("/participants", "/settings");
		open(settings);

		type("#name", name + " renamed");
		type("#timeZone", "Asia/Kolkata");
		type("#blockDays", "40");
		type("#restHours", "9");
		type("#horizonWeeks", "5");
		type("#fairnessWindowDays", "120");
		type("#swapUndoHours", "36");
		if (!find("#swapNeedsApproval").isSelected()) {
			click("label[for=swapNeedsApproval]");
		}
		clickButton("Save");

		WebElement blockDays = find("#blockDays");
		WebElement field = blockDays.findElement(By.xpath(".."));
		assertThat(field.findElement(By.cssSelector(".field-error")).getText())
			.isEqualTo("Block length is 1 to 28 days.");
		assertThat(blockDays.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(blockDays.getAttribute("aria-describedby")).contains("blockDays-error");
		assertThat(find("#name").getAttribute("value")).isEqualTo(name + " renamed");
		assertThat(find("#timeZone").getAttribute("value")).isEqualTo("Asia/Kolkata");
		assertThat(find("#restHours").getAttribute("value")).isEqualTo("9");
		assertThat(find("#swapNeedsApproval").isSelected()).isTrue();
		assertThat(find("#slots").getAttribute("value")).isEqualTo("06:00-18:00\n18:00-06:00");
		assertThat(findAll("input[name=days][type=checkbox]")).hasSize(7);
		screenshot("journey-settings-form-error");

		type("#blockDays", "7");
		clickButton("Save");
		assertThat(text(".flash")).startsWith("Saved.");

		open(settings);
		assertThat(find("#name").getAttribute("value")).isEqualTo(name + " renamed");
		assertThat(find("#timeZone").getAttribute("value")).isEqualTo("Asia/Kolkata");
		assertThat(find("#blockDays").getAttribute("value")).isEqualTo("7");
		assertThat(find("#restHours").getAttribute("value")).isEqualTo("9");
		assertThat(find("#horizonWeeks").getAttribute("value")).isEqualTo("5");
		assertThat(find("#fairnessWindowDays").getAttribute("value")).isEqualTo("120");
		assertThat(find("#swapUndoHours").getAttribute("value")).isEqualTo("36");
		assertThat(find("#swapNeedsApproval").isSelected()).isTrue();
	}

}
