package com.example.imoc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The statements the application sends while a piece of test code runs: import this
 * configuration ({@code @Import(RecordedStatements.class)}) and call {@link #record}. The
 * application's DataSource is wrapped so that each statement a connection prepares or
 * creates on the current thread while recording is kept (MockMvc runs requests on the
 * test's thread): its SQL when prepared, {@link #CREATED} for a plain statement, whose
 * SQL comes later. Used to count the statements of a page ({@code QueriesPerPageTests})
 * and to find the tables a cache reads ({@code CacheDependenciesTests}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedStatements {

	/** What is recorded for a statement created without SQL ({@code createStatement}). */
	public static final String CREATED = "";

	private static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

	private static final ThreadLocal<Connections> CONNECTIONS = new ThreadLocal<>();

	/** Connections taken so far by code running inside {@code within} (a class name). */
	private static final class Connections {

		private final String within;

		private int taken;

		Connections(String within) {
			this.within = within;
		}

		void taken() {
			if (Arrays.stream(new Throwable().getStackTrace())
				.anyMatch(frame -> frame.getClassName().equals(this.within))) {
				this.taken++;
			}
		}

	}

	/** Test code that may send statements. */
	@FunctionalInterface
	public interface Exercise {

		void run() throws Exception;

	}

	/** Runs the exercise and returns the statements it sent, in order. */
	public static List<String> record(Exercise exercise) throws Exception {
		List<String> statements = new ArrayList<>();
		RECORDED.set(statements);
		try {
			exercise.run();
		}
		finally {
			RECORDED.remove();
		}
		return statements;
	}

	/**
	 * Runs the exercise and returns how many connections code of class {@code within}
	 * (e.g. Spring's DispatcherServlet: a request's handler, model and view, not its
	 * filters) took from the pool on this thread: one per transaction (or per statement
	 * outside one).
	 */
	public static int connections(Class<?> within, Exercise exercise) throws Exception {
		Connections taken = new Connections(within.getName());
		CONNECTIONS.set(taken);
		try {
			exercise.run();
		}
		finally {
			CONNECTIONS.remove();
		}
		return taken.taken;
	}

	@Bean
	static BeanPostProcessor recordStatements() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof DataSource dataSource && name.equals("dataSource")) {
					return new DelegatingDataSource(dataSource) {
						@Override
						public Connection getConnection() throws SQLException {
							return recording(super.getConnection());
						}

						@Override
						public Connection getConnection(String username, String password) throws SQLException {
							return recording(super.getConnection(username, password));
						}
					};
				}
				return bean;
			}
		};
	}

	private static Connection recording(Connection connection) {
		Connections taken = CONNECTIONS.get();
		if (taken != null) {
			taken.taken();
		}
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					List<String> statements = RECORDED.get();
					if (statements != null) {
						String name = method.getName();
						if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null
								&& args.length > 0 && args[0] instanceof String sql) {
							statements.add(sql);
						}
						else if (name.equals("createStatement")) {
							statements.add(CREATED);
						}
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
