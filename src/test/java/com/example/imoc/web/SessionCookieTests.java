package com.example.imoc.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.Optional;

import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie as Tomcat really sends it over HTTP (MockMvc does not issue it):
 * HttpOnly and SameSite=Lax always, Secure when the request is secure (here: a trusted
 * proxy's X-Forwarded-Proto), and a new session id at sign-in. Same configuration as the
 * browser tests, so it shares their application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "imoc.demo=true", "imoc.schedule.extend-on-startup=false" })
@ActiveProfiles("test")
class SessionCookieTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private HttpResponse<String> loginPage(boolean behindHttps) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login"));
		if (behindHttps) {
			request.header("X-Forwarded-Proto", "https");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String sessionCookie(HttpResponse<?> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLaxAndSecureBehindHttps() throws Exception {
		String plain = sessionCookie(loginPage(false));
		assertThat(plain).containsIgnoringCase("; HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(plain).doesNotContainIgnoringCase("; Secure");

		String secure = sessionCookie(loginPage(true));
		assertThat(secure).containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("SameSite=Lax")
			.containsIgnoringCase("; Secure");
	}

	@Autowired
	ServletWebServerApplicationContext context;

	/**
	 * Forwarded headers count only from the proxies in
	 * server.tomcat.remoteip.internal-proxies: loopback by default, not Tomcat's default
	 * of every private network (a neighbour on the same network could claim any address).
	 */
	@Test
	void forwardedHeadersAreTrustedFromLoopbackOnlyByDefault() throws Exception {
		RemoteIpValve valve = Arrays
			.stream(((TomcatWebServer) this.context.getWebServer()).getTomcat().getEngine().getPipeline().getValves())
			.filter(RemoteIpValve.class::isInstance)
			.map(RemoteIpValve.class::cast)
			.findFirst()
			.orElseThrow();
		Pattern trusted = Pattern.compile(valve.getInternalProxies());
		for (String proxy : List.of("127.0.0.1", "127.10.0.3", "0:0:0:0:0:0:0:1", "::1")) {
			assertThat(trusted.matcher(proxy).matches()).as(proxy).isTrue();
		}
		for (String other : List.of("10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.1.1", "192.0.2.2",
				"128.0.0.1")) {
			assertThat(trusted.matcher(other).matches()).as(other).isFalse();
		}
		// Over a real connection from this machine's own non-loopback address (when it
		// has one), a forwarded
		// X-Forwarded-Proto is ignored: the cookie is not marked Secure.
		Optional<InetAddress> own = NetworkInterface.networkInterfaces()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
			.findFirst();
		Assumptions.assumeTrue(own.isPresent(), "no non-loopback address to connect from");
		HttpResponse<String> spoofed = this.http.send(
				HttpRequest.newBuilder(URI.create("http://" + own.get().getHostAddress() + ":" + this.port + "/login"))
					.header("X-Forwarded-Proto", "https")
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(sessionCookie(spoofed)).doesNotContainIgnoringCase("; Secure");
	}

	@Test
	void signingInGivesANewSessionId() throws Exception {
		HttpResponse<String> page = loginPage(false);
		String before = sessionCookie(page).split(";")[0];
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "username=" + URLEncoder.encode("jane.doe@example.com", StandardCharsets.UTF_8)
				+ "&password=demo&_csrf=" + csrf.group(1);
		HttpResponse<String> signedIn = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", before)
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		String after = sessionCookie(signedIn).split(";")[0];
		assertThat(after).isNotEqualTo(before);
	}

}
