package com.example.imoc.slack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Slack's Web API that records every call the SDK makes (method and
 * form fields) and answers like Slack; it can be told to fail (500, or 429 with a
 * Retry-After) to play Slack being down.
 */
final class StubSlack implements AutoCloseable {

	record Call(String method, Map<String, String> fields, boolean answeredOk) {

		String field(String name) {
			return this.fields.getOrDefault(name, "");
		}

	}

	private final HttpServer server;

	final List<Call> calls = new CopyOnWriteArrayList<>();

	/** Slack user id to email. */
	final Map<String, String> users = new ConcurrentHashMap<>();

	private final AtomicInteger ts = new AtomicInteger();

	private volatile int failWith;

	private volatile int retryAfterSeconds;

	StubSlack() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/", this::answer);
		this.server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/";
	}

	/** Answers every call with this HTTP status from now on (0: answer normally). */
	void failWith(int status, int retryAfterSeconds) {
		this.failWith = status;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	List<Call> calls(String method) {
		return this.calls.stream().filter(c -> c.method().equals(method) && c.answeredOk()).toList();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestURI().getPath().substring("/api/".length());
		Map<String, String> fields = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		int status = this.failWith;
		if (status != 0) {
			this.calls.add(new Call(method, fields, false));
			if (status == 429) {
				exchange.getResponseHeaders().add("Retry-After", String.valueOf(this.retryAfterSeconds));
			}
			send(exchange, status,
					"{\"ok\":false,\"error\":\"" + (status == 429 ? "ratelimited" : "fatal_error") + "\"}");
			return;
		}
		this.calls.add(new Call(method, fields, true));
		String body = switch (method) {
			case "users.lookupByEmail" -> this.users.entrySet()
				.stream()
				.filter(e -> e.getValue().equalsIgnoreCase(fields.get("email")))
				.findFirst()
				.map(e -> "{\"ok\":true,\"user\":{\"id\":\"" + e.getKey() + "\"}}")
				.orElse("{\"ok\":false,\"error\":\"users_not_found\"}");
			case "users.info" -> this.users.containsKey(fields.get("user"))
					? "{\"ok\":true,\"user\":{\"id\":\"" + fields.get("user") + "\",\"profile\":{\"email\":\""
							+ this.users.get(fields.get("user")) + "\"}}}"
					: "{\"ok\":false,\"error\":\"user_not_found\"}";
			case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + dmChannel(fields.get("channel"))
					+ "\",\"ts\":\"1700000000." + this.ts.incrementAndGet() + "\"}";
			case "chat.update" ->
				"{\"ok\":true,\"channel\":\"" + fields.get("channel") + "\",\"ts\":\"" + fields.get("ts") + "\"}";
			default -> "{\"ok\":true}";
		};
		send(exchange, 200, body);
	}

	private static String dmChannel(String channel) {
		return channel != null && channel.startsWith("U") ? "D" + channel.substring(1) : channel;
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	List<String> methods() {
		return new ArrayList<>(this.calls.stream().map(Call::method).toList());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
