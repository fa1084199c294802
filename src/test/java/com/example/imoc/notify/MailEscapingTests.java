package com.example.imoc.notify;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

/**
 * Everything people type that ends up in a mail: person names (the recipient's, the
 * requester's, the author's), swap messages, handover notes, rotation and slot names. The
 * HTML part shows markup as text, the plain-text part as typed, and a line break typed
 * into a name never starts a mail header of its own. Incident titles and time-away notes
 * are never mailed, so they are not here.
 */
@IntegrationTest
class MailEscapingTests {

	private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private static final String MARKUP = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

	/**
	 * A name typed with a line break, hoping for a Bcc header (the subject of most mails
	 * holds a name).
	 */
	private static final String NAME = MARKUP + "\r\nBcc: evil@example.com\r\nX-Injected: yes";

	private static final String MESSAGE = MARKUP
			+ "\r\nBcc: evil@example.com\r\n<a href=\"javascript:alert(1)\">click</a>";

	private static GreenMail smtp;

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", SMTP::getBindAddress);
		registry.add("spring.mail.port", SMTP::getPort);
	}

	@BeforeAll
	static void startSmtp() {
		smtp = new GreenMail(SMTP);
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestRotations testRotations;

	@Autowired
	Rotations rotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	Reminders reminders;

	@Autowired
	Handoffs handoffs;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Test
	void typedMarkupIsTextInEveryMailAndATypedLineBreakNeverStartsAHeader() throws Exception {
		Rotation rotation = this.testRotations.imocLike(3);
		List<Person> staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Person helper = this.testPeople.manager("Mail Helper");
		this.rotations.join(rotation.id(), helper.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		List<Person> everyone = new ArrayList<>(staff);
		everyone.add(helper);
		String rotationName = MARKUP + " rotation " + rotation.id();
		this.jdbc.sql("update rotation set name = ? where id = ?").params(rotationName, rotation.id()).update();
		this.jdbc.sql("update rotation_slot set label = ? || label where rotation_id = ?")
			.params(MARKUP, rotation.id())
			.update();
		for (Person person : everyone) {
			this.jdbc.sql("update person set name = ? where id = ?")
				.params(NAME + " " + person.getId(), person.getId())
				.update();
		}

		Instant later = Instant.now().plus(Duration.ofDays(3));
		// A shift handed over to someone else, so its handover note and handoff are
		// mailed.
		ShiftView shift = this.shifts.ofRotation(rotation.id(), later, later.plus(Duration.ofDays(7)))
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(later))
			.filter(s -> this.handoffs.successor(s)
				.filter(n -> n.assigneeId() != null && !n.assigneeId().equals(s.assigneeId()))
				.isPresent())
			.findFirst()
			.orElseThrow();
		Person holder = this.testPeople.find(shift.assigneeId());
		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(shift.id()))
				.param("kind", "COVER")
				.param("toPersonId", String.valueOf(helper.getId()))
				.param("message", MESSAGE)
				.with(user(TestPeople.signedIn(holder)))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/swaps/*"));
		this.mvc
			.perform(post("/handover/{id}", shift.id()).param("note", MESSAGE)
				.with(user(TestPeople.signedIn(holder)))
				.with(csrf()))
			.andExpect(flash().attributeExists("message"));
		this.reminders.sendDue(shift.start().minus(Duration.ofHours(24)));
		this.handoffs.sendDue(shift.end().plusSeconds(60));
		this.outbox.deliverDue(Instant.now().plusSeconds(5));

		List<String> emails = everyone.stream().map(Person::getEmail).toList();
		List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
			.filter(m -> recipients(m).stream().anyMatch(emails::contains))
			.toList();
		Map<String, String> textBySubject = mails.stream()
			.collect(Collectors.toMap(MailEscapingTests::subject, m -> part(m, "text/plain"), (a, b) -> a));
		assertThat(textBySubject.keySet()).as("a mail of each kind")
			.anyMatch(s -> s.contains("asks you to cover a shift"))
			.anyMatch(s -> s.contains("Handover note from"))
			.anyMatch(s -> s.contains("starts in 24 hours"))
			.anyMatch(s -> s.startsWith("[IMOC] Handoff: your " + MARKUP + " rotation"));
		for (MimeMessage mail : mails) {
			String html = part(mail, "text/html");
			assertThat(html).as(subject(mail))
				.doesNotContainIgnoringCase("<script")
				.doesNotContainIgnoringCase("<img")
				.doesNotContainIgnoringCase("<a href=\"javascript")
				.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
			assertThat(part(mail, "text/plain")).as(subject(mail)).contains(MARKUP);
			assertThat(subject(mail)).doesNotContain("\r").doesNotContain("\n");
			assertThat(recipients(mail)).hasSize(1);
			assertThat(mail.getHeader("Bcc")).as(subject(mail)).isNull();
			assertThat(mail.getHeader("X-Injected")).as(subject(mail)).isNull();
		}
		assertThat(Arrays.stream(smtp.getReceivedMessages()).flatMap(m -> recipients(m).stream()))
			.doesNotContain("evil@example.com");
		assertThat(textBySubject).anySatisfy((subject, text) -> {
			assertThat(subject).contains("asks you to cover a shift");
			assertThat(text.replace("\r\n", "\n")).contains(MESSAGE.replace("\r\n", "\n"));
		});
		assertThat(textBySubject).anySatisfy((subject, text) -> {
			assertThat(subject).contains("Handover note from");
			assertThat(text.replace("\r\n", "\n")).contains(MESSAGE.replace("\r\n", "\n"));
		});
	}

	private static List<String> recipients(MimeMessage message) {
		try {
			Address[] all = message.getAllRecipients();
			return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The content of the first part of this type, however deeply the multiparts nest. */
	private static String part(Part part, String type) {
		try {
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					String found = part(child, type);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
