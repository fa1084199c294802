package com.example.imoc.notify;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftReassigned;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Notifications end to end with a real SMTP server (GreenMail on a port chosen at run
 * time): reminders, gap alerts, preferences, and the outbox's delivery through outages
 * and crashes. The jobs are driven by calling the services they call, at chosen instants,
 * and once through the Quartz scheduler.
 */
@IntegrationTest
class NotificationMailTests {

	private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private static GreenMail smtp;

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", SMTP::getBindAddress);
		registry.add("spring.mail.port", SMTP::getPort);
		registry.add("imoc.notify.max-attempts", () -> 3);
		registry.add("imoc.base-url", () -> "https://imoc.example.org/");
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
	Reminders reminders;

	@Autowired
	MailOutbox outbox;

	@Autowired
	Notifications notifications;

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
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Scheduler scheduler;

	@Autowired
	MockMvc mvc;

	@BeforeEach
	void emptyMailboxes() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
	}

	@Test
	void remindersComeAtEachLeadTimeWithTheShiftInTheRecipientsZone() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		Person nora = join(rotation, this.testPeople.manager("Nora York", "America/New_York"));
		staff(rotation, 5);
		this.maintenance.maintain(rotation.id());
		ShiftView shift = upcomingShiftOf(nora);
		Instant start = shift.start();
		String local = LocalTimes.dayAndTime(start, ZoneId.of("America/New_York"));

		this.reminders.sendDue(start.minus(Duration.ofHours(24)).minusSeconds(60));
		assertThat(leadsReminded(shift, nora)).isEmpty();

		this.reminders.sendDue(start.minus(Duration.ofHours(24)));
		assertThat(leadsReminded(shift, nora)).containsExactly(1440);
		assertThat(remindersOf(nora, local)).singleElement()
			.satisfies(n -> assertThat(n).contains("starts in 24 hours", "America/New_York"));

		this.reminders.sendDue(start.minus(Duration.ofHours(23)));
		assertThat(remindersOf(nora, local)).hasSize(1);

		this.reminders.sendDue(start.minus(Duration.ofMinutes(61)));
		assertThat(leadsReminded(shift, nora)).containsExactly(1440);
		this.reminders.sendDue(start.minus(Duration.ofHours(1)));
		assertThat(leadsReminded(shift, nora)).containsExactlyInAnyOrder(1440, 60);
		assertThat(remindersOf(nora, local)).hasSize(2)
			.last()
			.satisfies(n -> assertThat(n).contains("starts in 1 hour"));

		this.outbox.deliverDue(Instant.now().plusSeconds(5));
		List<MimeMessage> mails = mailsTo(nora);
		assertThat(mails).hasSizeGreaterThanOrEqualTo(2);
		MimeMessage lastHour = mails.stream()
			.filter(m -> subject(m).contains("starts in 1 hour: " + local))
			.findFirst()
			.orElseThrow();
		String raw = GreenMailUtil.getWholeMessage(lastHour);
		assertThat(raw).contains("text/plain", "text/html", "https://imoc.example.org/my/shifts");
		assertThat(subject(lastHour)).startsWith("[IMOC] Your IMOC shift starts in 1 hour");
	}

	@Test
	void aSwapMovesTheRemindersToTheNewOwnerAndACancelledShiftRemindsNobody() {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> staff = staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Person alex = staff.get(0);
		ShiftView shift = upcomingShiftOf(alex);
		Person blake = staff.stream()
			.filter(p -> !p.getId().equals(alex.getId()))
			.filter(p -> this.shifts.ofPerson(p.getId(), shift.start(), shift.end()).isEmpty())
			.findFirst()
			.orElseThrow();
		Instant start = shift.start();

		this.reminders.sendDue(start.minus(Duration.ofHours(24)));
		assertThat(leadsReminded(shift, alex)).containsExactly(1440);

		swap(shift, alex, blake);
		this.reminders.sendDue(start.minus(Duration.ofHours(23)));
		this.reminders.sendDue(start.minus(Duration.ofHours(1)));
		assertThat(leadsReminded(shift, alex)).containsExactly(1440);
		assertThat(leadsReminded(shift, blake)).containsExactlyInAnyOrder(1440, 60);
		assertThat(remindersOf(blake, LocalTimes.dayAndTime(start, blake.zone()))).hasSize(2)
			.first()
			.satisfies(n -> assertThat(n).contains("starts in 23 hours"));

		ShiftView later = this.shifts
			.ofPerson(alex.getId(), start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(30)))
			.get(0);
		this.jdbc.sql("update shift set state = 'CANCELLED' where id = ?").param(later.id()).update();
		this.reminders.sendDue(later.start().minus(Duration.ofMinutes(30)));
		assertThat(this.jdbc.sql("select count(*) from shift_reminder where shift_id = ?")
			.param(later.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aCoverRequestAndItsAnswerAreMailedToTheRightPeople() throws Exception {
		Rotation rotation = this.testRotations.imocLike(3);
		List<Person> staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Person helper = this.testPeople.manager("Helpful Colleague");
		this.rotations.join(rotation.id(), helper.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		Instant later = Instant.now().plus(Duration.ofDays(3));
		ShiftView shift = this.shifts.ofRotation(rotation.id(), later, later.plus(Duration.ofDays(7)))
			.stream()
			.filter(s -> !s.shadow() && s.start().isAfter(later))
			.findFirst()
			.orElseThrow();
		Person holder = staff.stream().filter(p -> p.getId().equals(shift.assigneeId())).findFirst().orElseThrow();
		String location = this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(shift.id()))
				.param("kind", "COVER")
				.param("toPersonId", String.valueOf(helper.getId()))
				.param("message", "school play")
				.with(user(TestPeople.signedIn(holder)))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/swaps/");
		this.outbox.deliverDue(Instant.now().plusSeconds(1));
		assertThat(mailsTo(helper)).singleElement().satisfies(m -> {
			assertThat(subject(m)).contains(holder.getName() + " asks you to cover a shift");
			assertThat(GreenMailUtil.getBody(m)).contains("school play").contains(location);
		});
		this.mvc.perform(post(location + "/accept").with(user(TestPeople.signedIn(helper))).with(csrf()));
		assertThat(this.shifts.find(shift.id()).orElseThrow().assigneeId()).isEqualTo(helper.getId());
		this.outbox.deliverDue(Instant.now().plusSeconds(1));
		assertThat(mailsTo(holder))
			.anySatisfy(m -> assertThat(subject(m)).contains(helper.getName() + " took your shift"));
	}

	@Test
	void anSmtpOutageDelaysAMailThatIsThenDeliveredOnceNeverTwice() {
		Person pat = this.testPeople.manager("Pat Outage");
		long id = notify(pat, "Outage test");
		Instant t0 = Instant.now().plusSeconds(5);
		smtp.stop();
		try {
			this.outbox.deliverDue(t0);
			assertThat(mailState(id)).containsExactly(1, false);
			assertThat(lastError(id)).isNotBlank();
			this.outbox.deliverDue(t0.plusSeconds(10));
			assertThat(mailState(id)).as("not due before its backoff").containsExactly(1, false);
		}
		finally {
			startSmtp();
		}
		this.outbox.deliverDue(t0.plusSeconds(31));
		assertThat(mailState(id)).containsExactly(2, true);
		this.outbox.deliverDue(t0.plus(Duration.ofHours(1)));
		this.outbox.deliverDue(t0.plus(Duration.ofHours(2)));
		assertThat(mailsTo(pat)).singleElement().satisfies(m -> assertThat(subject(m)).contains("Outage test"));
	}

	@Test
	void aMailThatKeepsFailingIsGivenUpAndTheInboxSaysSo() throws Exception {
		Person quinn = this.testPeople.manager("Quinn Bounce");
		long id = notify(quinn, "Never arrives");
		Instant t0 = Instant.now().plusSeconds(5);
		smtp.stop();
		try {
			this.outbox.deliverDue(t0);
			this.outbox.deliverDue(t0.plus(Duration.ofMinutes(1)));
			this.outbox.deliverDue(t0.plus(Duration.ofMinutes(3)));
			this.outbox.deliverDue(t0.plus(Duration.ofHours(5)));
		}
		finally {
			startSmtp();
		}
		assertThat(mailState(id)).containsExactly(3, false);
		this.mvc.perform(get("/notifications").with(user(TestPeople.signedIn(quinn))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("mail not delivered after 3 attempts")));
	}

	@Test
	void aNoticeCommittedWhileNoJobRanIsMailedByTheNextRunOfTheQuartzJob() throws Exception {
		Person robin = this.testPeople.manager("Robin Crash");
		long id = notify(robin, "Committed before the crash");
		assertThat(mailsTo(robin)).isEmpty();

		this.scheduler.triggerJob(NotifyJobs.DELIVER);
		long deadline = System.currentTimeMillis() + 20_000;
		while (!mailState(id).get(1).equals(true) && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
		}
		assertThat(mailsTo(robin)).singleElement().satisfies(m -> {
			assertThat(subject(m)).isEqualTo("[IMOC] Committed before the crash");
			assertThat(messageId(m)).isEqualTo("<notification-" + id + "@imoc.example.org>");
		});
		this.outbox.deliverDue(Instant.now().plus(Duration.ofHours(1)));
		assertThat(mailsTo(robin)).hasSize(1);
	}

	@Test
	void withMailOffEverythingStaysInTheAppAtTheLeadTimesChosen() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		Person sam = join(rotation, this.testPeople.manager("Sam Quiet"));
		staff(rotation, 5);
		this.maintenance.maintain(rotation.id());
		this.mvc.perform(
				post("/profile/notifications").with(user(TestPeople.signedIn(sam))).with(csrf()).param("leads", "90m"))
			.andExpect(status().is3xxRedirection());
		ShiftView shift = upcomingShiftOf(sam);
		String local = LocalTimes.dayAndTime(shift.start(), sam.zone());

		this.reminders.sendDue(shift.start().minus(Duration.ofHours(24)));
		assertThat(remindersOf(sam, local)).isEmpty();
		this.reminders.sendDue(shift.start().minus(Duration.ofMinutes(91)));
		assertThat(remindersOf(sam, local)).isEmpty();
		this.reminders.sendDue(shift.start().minus(Duration.ofMinutes(90)));
		assertThat(remindersOf(sam, local)).singleElement()
			.satisfies(n -> assertThat(n).contains("starts in 1 hour 30 min"));

		this.outbox.deliverDue(Instant.now().plusSeconds(5));
		assertThat(mailsTo(sam)).isEmpty();
		this.mvc.perform(get("/notifications").with(user(TestPeople.signedIn(sam))))
			.andExpect(content().string(containsString("in the app only")));
	}

	@Test
	void coordinatorsAreAlertedToANewGapOnceAndToAShiftASwapLeftWithoutOwner() {
		Person cora = this.testPeople.coordinator("Cora Gaps");
		Rotation empty = this.testRotations.imocLike(1);
		this.testRotations.nobodyWhoCanServe(empty);
		this.maintenance.maintain(empty.id());
		List<String> alerts = noticesAbout(cora, empty.name());
		assertThat(alerts).singleElement()
			.satisfies(n -> assertThat(n).contains("new coverage gaps in " + empty.name()));
		this.maintenance.maintain(empty.id());
		assertThat(noticesAbout(cora, empty.name())).hasSize(1);

		Rotation staffed = this.testRotations.imocLike(2);
		List<Person> staff = staff(staffed, 6);
		this.maintenance.maintain(staffed.id());
		assertThat(noticesAbout(cora, staffed.name())).isEmpty();
		ShiftView shift = upcomingShiftOf(staff.get(0));
		swap(shift, staff.get(0), null);
		assertThat(noticesAbout(cora, staffed.name())).singleElement()
			.satisfies(n -> assertThat(n).contains("Coverage gap in " + staffed.name(), "(shift " + shift.id() + ")"));

		this.outbox.deliverDue(Instant.now().plusSeconds(5));
		assertThat(mailsTo(cora)).anySatisfy(m -> assertThat(subject(m)).contains("Coverage gap in " + staffed.name()));
	}

	private Person join(Rotation rotation, Person person) {
		this.rotations.join(rotation.id(), person.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		return person;
	}

	private List<Person> staff(Rotation rotation, int count) {
		return this.testRotations.staff(rotation, count);
	}

	/**
	 * A primary shift of this person at least a day and a half away, so lead times fall
	 * in the future.
	 */
	private ShiftView upcomingShiftOf(Person person) {
		Instant now = Instant.now();
		return this.shifts.ofPerson(person.getId(), now.plus(Duration.ofHours(36)), now.plus(Duration.ofDays(30)))
			.stream()
			.filter(s -> !s.shadow() && s.start().isAfter(now.plus(Duration.ofHours(36))))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * What a swap does to the schedule: the shift changes hands (or is left open) and the
	 * change is announced.
	 */
	private void swap(ShiftView shift, Person from, Person to) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult(tx -> {
			this.jdbc.sql("update shift set assignee_id = ?, sequence = sequence + 1 where id = ?")
				.params(to == null ? null : to.getId(), shift.id())
				.update();
			this.events.publishEvent(new ShiftReassigned(shift.id(), shift.rotationId(), from.getId(),
					to == null ? null : to.getId(), Instant.now(), "swap"));
		});
	}

	private long notify(Person person, String subject) {
		String kind = "test." + UUID.randomUUID();
		new TransactionTemplate(this.transactionManager).executeWithoutResult(
				tx -> this.notifications.send(new Notice(person.getId(), kind, subject, "Body of " + subject, "/")));
		return this.jdbc.sql("select id from notification where kind = ?").param(kind).query(Long.class).single();
	}

	private List<Integer> leadsReminded(ShiftView shift, Person person) {
		return this.jdbc.sql(
				"select lead_minutes from shift_reminder where shift_id = ? and person_id = ? order by lead_minutes desc")
			.params(shift.id(), person.getId())
			.query(Integer.class)
			.list();
	}

	/** Subject and body of the person's notices that mention the text, oldest first. */
	private List<String> noticesAbout(Person person, String text) {
		return this.jdbc.sql("select subject || '\n' || body from notification where recipient_id = ? order by id")
			.param(person.getId())
			.query(String.class)
			.list()
			.stream()
			.filter(n -> n.contains(text))
			.toList();
	}

	/**
	 * The reminders about the shift starting at {@code local}: a reminder's subject names
	 * its shift's start, while its body may name a neighbouring shift's start as the end
	 * of its own ("Tue 1 Dec 23:00 – Wed 2 Dec 05:00").
	 */
	private List<String> remindersOf(Person person, String local) {
		return this.jdbc.sql("select subject || '\n' || body from notification where recipient_id = ? order by id")
			.param(person.getId())
			.query(String.class)
			.list()
			.stream()
			.filter(n -> n.substring(0, n.indexOf('\n')).endsWith(": " + local))
			.toList();
	}

	/** [attempts, sent] of a notice's mail. */
	private List<Object> mailState(long id) {
		return this.jdbc.sql("select mail_attempts, mail_sent_at is not null from notification where id = ?")
			.param(id)
			.query((rs, n) -> List.<Object>of(rs.getInt(1), rs.getBoolean(2)))
			.single();
	}

	private String lastError(long id) {
		return this.jdbc.sql("select mail_last_error from notification where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	private static List<MimeMessage> mailsTo(Person person) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(person.getEmail()));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
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
