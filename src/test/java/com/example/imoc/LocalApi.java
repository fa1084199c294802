package com.example.imoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port standing in for an outside API (GitLab,
 * PagerDuty): tests route paths to answers and read back the requests it received.
 */
public final class LocalApi {

	private final HttpServer server;

	private final Map<String, Function<Received, Answer>> routes = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** A request as it arrived. */
	public record Received(String method, URI uri, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	/** What the server answers. */
	public record Answer(int status, Map<String, String> headers, String body) {

		public static Answer json(String body, Map<String, String> headers) {
			return new Answer(200, headers, body);
		}

	}

	private LocalApi() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static LocalApi start() {
		return new LocalApi();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void route(String path, Function<Received, Answer> answer) {
		this.routes.put(path, answer);
	}

	public List<Received> received(String path) {
		return this.received.stream().filter(r -> r.uri().getRawPath().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
				Map.copyOf(exchange.getRequestHeaders()), body);
		this.received.add(request);
		Function<Received, Answer> route = this.routes.get(exchange.getRequestURI().getRawPath());
		Answer answer = route == null ? new Answer(404, Map.of(), "{\"message\":\"404 Not Found\"}")
				: route.apply(request);
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
