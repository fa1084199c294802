package com.example.imoc.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for redirect-driven flows over real HTTP: cookies kept per
 * host (as browsers do, ports not separating them), redirects followed one by one so a
 * test sees where it went, forms posted url-encoded.
 */
public final class HttpBrowser {

	/** One response, with the address it came from. */
	public record Page(URI uri, int status, String location, String body) {

		public boolean redirect() {
			return this.status >= 300 && this.status < 400 && this.location != null;
		}

	}

	private static final int MAX_REDIRECTS = 10;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final Map<String, Map<String, String>> cookiesByHost = new LinkedHashMap<>();

	public Page get(URI uri) throws IOException, InterruptedException {
		return send(request(uri).GET().build());
	}

	public Page post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(uri).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** A form post with extra request headers (an Authorization header, say). */
	public Page post(URI uri, Map<String, String> form, Map<String, String> headers)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder builder = request(uri).header("Content-Type", "application/x-www-form-urlencoded");
		headers.forEach(builder::header);
		return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/** The value of a cookie this browser keeps for the host. */
	public String cookie(String host, String name) {
		return this.cookiesByHost.getOrDefault(host.toLowerCase(Locale.ROOT), Map.of()).get(name);
	}

	/**
	 * Keeps a cookie for the host, as if the server had set it (to carry a session to
	 * another browser).
	 */
	public void setCookie(String host, String name, String value) {
		this.cookiesByHost.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new LinkedHashMap<>()).put(name, value);
	}

	/**
	 * Follows redirects (GET, as browsers do after a 302) until a page that is not one.
	 */
	public Page follow(Page page) throws IOException, InterruptedException {
		Page current = page;
		for (int i = 0; current.redirect(); i++) {
			if (i == MAX_REDIRECTS) {
				throw new IllegalStateException(
						"More than " + MAX_REDIRECTS + " redirects, last to " + current.location());
			}
			current = get(current.uri().resolve(current.location()));
		}
		return current;
	}

	private HttpRequest.Builder request(URI uri) {
		// Servers pick the login redirect (rather than a bare 401) for clients that ask
		// for HTML, as browsers do.
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		Map<String, String> cookies = this.cookiesByHost.get(uri.getHost().toLowerCase(Locale.ROOT));
		if (cookies != null && !cookies.isEmpty()) {
			builder.header("Cookie",
					cookies.entrySet()
						.stream()
						.map(e -> e.getKey() + "=" + e.getValue())
						.collect(Collectors.joining("; ")));
		}
		return builder;
	}

	private Page send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		Map<String, String> cookies = this.cookiesByHost
			.computeIfAbsent(request.uri().getHost().toLowerCase(Locale.ROOT), host -> new LinkedHashMap<>());
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int equals = pair.indexOf('=');
			String name = pair.substring(0, equals).trim();
			String value = pair.substring(equals + 1).trim();
			if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return new Page(request.uri(), response.statusCode(), response.headers().firstValue("Location").orElse(null),
				response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
