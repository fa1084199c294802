package com.example.imoc.notify;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns a stored notice into a mail: an HTML and a plain-text part from
 * {@code templates/mail/notice.html} and {@code notice.txt}, times in the recipient's
 * zone, the link made absolute with {@code imoc.base-url}. Its own template engine, so
 * the web pages' engine keeps its settings and mails never see a request.
 */
@Component
class MailRenderer {

	record Mail(String to, String subject, String html, String text, String messageId) {
	}

	/** A notice as the delivery job reads it from the outbox. */
	record Outgoing(long id, String recipientName, String recipientEmail, ZoneId recipientZone, String kind,
			String subject, String body, String link, Instant createdAt) {
	}

	private final TemplateEngine engine = new SpringTemplateEngine();

	private final String baseUrl;

	private final String host;

	MailRenderer(@Value("${imoc.base-url:http://localhost:8080}") String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		String parsedHost = URI.create(this.baseUrl).getHost();
		this.host = parsedHost == null ? "imoc" : parsedHost;
		this.engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		this.engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	Mail render(Outgoing notice) {
		Context context = new Context();
		context.setVariable("name", notice.recipientName());
		context.setVariable("subject", notice.subject());
		context.setVariable("body", notice.body());
		context.setVariable("link", absolute(notice.link()));
		context.setVariable("inbox", absolute("/notifications"));
		context.setVariable("preferences", absolute("/profile#notifications"));
		context.setVariable("sentAt", LocalTimes.dayAndTime(notice.createdAt(), notice.recipientZone()));
		String html = this.engine.process("notice.html", context);
		String text = this.engine.process("notice.txt", context);
		return new Mail(notice.recipientEmail(), "[IMOC] " + notice.subject(), html, text, messageId(notice.id()));
	}

	/**
	 * The same id for every attempt at the same notice, so a mail sent twice (a crash
	 * after the SMTP server took it but before we recorded that) is recognisable as one,
	 * and mail clients thread or drop the copy.
	 */
	String messageId(long notificationId) {
		return "<notification-" + notificationId + "@" + this.host + ">";
	}

	String absolute(String link) {
		if (link == null || link.isBlank()) {
			return null;
		}
		if (link.startsWith("http://") || link.startsWith("https://")) {
			return link;
		}
		return this.baseUrl + (link.startsWith("/") ? link : "/" + link);
	}

}
