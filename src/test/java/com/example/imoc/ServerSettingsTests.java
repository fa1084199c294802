package com.example.imoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's memory settings (issue 17, item 3): Tomcat runs 16 request threads unless
 * IMOC_HTTP_THREADS says otherwise, and the image and the benchmark run the JVM with the
 * same options, those of docs/BENCHMARKS.md. Same context as the feed valve's tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
class ServerSettingsTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void tomcatRunsSixteenRequestThreads() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Object executor = server.getTomcat().getConnector().getProtocolHandler().getExecutor();
		assertThat(executor).isInstanceOf(org.apache.tomcat.util.threads.ThreadPoolExecutor.class);
		assertThat(((org.apache.tomcat.util.threads.ThreadPoolExecutor) executor).getMaximumPoolSize()).isEqualTo(16);
	}

	@Test
	void theImageAndTheBenchmarkRunTheSameHeapOptions() throws IOException {
		String image = options(Files.readString(Path.of("Dockerfile")), "ENV JAVA_OPTS=\"([^\"]+)\"");
		String bench = options(Files.readString(Path.of("bench/run.sh")), "BENCH_JVM_OPTS:-\"([^\"]+)\"");
		assertThat(bench).isEqualTo(image);
		assertThat(image).contains("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC");
	}

	private static String options(String file, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(file);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1);
	}

}
