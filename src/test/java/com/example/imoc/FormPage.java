package com.example.imoc;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rendered form page, read the way the form tests need: an input's value, whether a box
 * is ticked or an option chosen, and whether an invalid field is marked for assistive
 * technology with its message beside it (docs/ARCHITECTURE.md, "Forms").
 */
public final class FormPage {

	private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

	private static final Pattern LABEL_FOR = Pattern.compile("<label\\b[^>]*\\bfor=\"([^\"]+)\"");

	private final String html;

	private FormPage(String html) {
		this.html = html;
	}

	public static FormPage of(String html) {
		return new FormPage(html);
	}

	/** The opening tag of the element with this id. */
	public String tag(String id) {
		Matcher matcher = Pattern.compile("<[a-z]+\\b[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>")
			.matcher(this.html);
		assertThat(matcher.find()).as("an element with id %s", id).isTrue();
		return matcher.group();
	}

	/** The element with this id, from its opening tag to its closing tag. */
	private String element(String id) {
		String tag = tag(id);
		String name = tag.substring(1, tag.indexOf(' '));
		int start = this.html.indexOf(tag);
		return this.html.substring(start, this.html.indexOf("</" + name + ">", start));
	}

	public FormPage hasValue(String id, String value) {
		assertThat(tag(id)).as("the value of #%s", id).contains("value=\"" + HtmlUtils.htmlEscape(value) + "\"");
		return this;
	}

	public FormPage hasText(String id, String text) {
		assertThat(element(id)).as("the text of #%s", id).endsWith(">" + HtmlUtils.htmlEscape(text));
		return this;
	}

	public FormPage isChecked(String id, boolean checked) {
		if (checked) {
			assertThat(tag(id)).as("#%s is ticked", id).contains("checked=\"checked\"");
		}
		else {
			assertThat(tag(id)).as("#%s is not ticked", id).doesNotContain("checked");
		}
		return this;
	}

	public FormPage hasSelected(String id, String value) {
		assertThat(element(id)).as("the option chosen in #%s", id)
			.containsPattern("<option\\b[^>]*value=\"" + Pattern.quote(HtmlUtils.htmlEscape(value))
					+ "\"[^>]*selected=\"selected\"");
		return this;
	}

	/**
	 * The field is marked invalid, described by the message that follows it, and that
	 * message says this.
	 */
	public FormPage isInvalid(String id, String message) {
		String tag = tag(id);
		assertThat(tag).as("#%s is marked invalid", id).contains("aria-invalid=\"true\"");
		assertThat(tag).as("#%s is described by its error", id)
			.containsPattern("aria-describedby=\"[^\"]*\\b" + Pattern.quote(id) + "-error\\b");
		assertThat(element(id + "-error")).as("the message beside #%s", id).contains(HtmlUtils.htmlEscape(message));
		assertThat(this.html.indexOf(tag(id + "-error"))).as("the message of #%s follows it", id)
			.isGreaterThan(this.html.indexOf(tag));
		return this;
	}

	public FormPage isValid(String id) {
		assertThat(tag(id)).as("#%s is not marked invalid", id).doesNotContain("aria-invalid=\"true\"");
		return this;
	}

	/** No id twice on the page, and every label names an element of the page. */
	public FormPage hasUniqueIdsAndTiedLabels() {
		Set<String> ids = new HashSet<>();
		Matcher matcher = ID.matcher(this.html);
		while (matcher.find()) {
			assertThat(ids.add(matcher.group(1))).as("id %s is used once", matcher.group(1)).isTrue();
		}
		Matcher labels = LABEL_FOR.matcher(this.html);
		while (labels.find()) {
			assertThat(ids).as("the label for %s names an element", labels.group(1)).contains(labels.group(1));
		}
		return this;
	}

	public String html() {
		return this.html;
	}

}
