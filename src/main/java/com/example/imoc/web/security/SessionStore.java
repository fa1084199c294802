package com.example.imoc.web.security;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

import com.example.imoc.database.DataChanges;

/**
 * Sessions live in PostgreSQL (Spring Session JDBC, tables from migration V15), so every
 * node sees every session and a restart signs nobody out. Spring Session loads the
 * session once per request that uses it and writes attributes only when they change; but
 * it also moves the session's last-access time on every request, which would be one
 * {@code UPDATE} per page view. Here that update happens only when something other than
 * the time changed (a new id at sign-in, the signed-in name, the timeout) or the stored
 * time is at least {@link #LAST_ACCESS_PRECISION} old, so a busy session writes its row
 * about once a minute. The price: a session's idle timeout is accurate to that minute (it
 * may end up to a minute early).
 * <p>
 * Each node keeps the sessions it has read in memory ({@link CachedSessions}), so a
 * request that changes nothing in its session costs no statement at all.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	static final Duration LAST_ACCESS_PRECISION = Duration.ofMinutes(1);

	/**
	 * Spring Session's own update, with its six parameters in their order, made a no-op
	 * unless it changes more than the last-access time by less than the precision. (It
	 * ignores the count of rows updated.)
	 */
	static final String UPDATE_SESSION = """
			UPDATE %TABLE_NAME% s
			SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
			    MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
			    PRINCIPAL_NAME = v.principal_name
			FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access_time,
			             CAST(? AS INT) AS max_inactive_interval, CAST(? AS BIGINT) AS expiry_time,
			             CAST(? AS VARCHAR(100)) AS principal_name, CAST(? AS CHAR(36)) AS primary_id) v
			WHERE s.PRIMARY_ID = v.primary_id
			  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
			       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
			       OR v.last_access_time - s.LAST_ACCESS_TIME >= %PRECISION%)
			""".replace("%PRECISION%", String.valueOf(LAST_ACCESS_PRECISION.toMillis()));

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> lastAccessOncePerMinute() {
		return repository -> repository.setUpdateSessionQuery(UPDATE_SESSION);
	}

	/**
	 * Spring Session's filter, reading and writing sessions through
	 * {@link CachedSessions} instead of straight from the JDBC repository; the cookie is
	 * resolved as Spring Session's own configuration does (Spring Boot's cookie
	 * settings).
	 */
	@Bean
	static BeanPostProcessor sessionsKeptInMemory(ObjectProvider<JdbcIndexedSessionRepository> store,
			ObjectProvider<DataChanges> changes, ObjectProvider<HttpSessionIdResolver> resolver,
			ObjectProvider<CookieSerializer> cookies) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof SessionRepositoryFilter<?>)) {
					return bean;
				}
				SessionRepositoryFilter<Session> filter = new SessionRepositoryFilter<>(
						new CachedSessions(store.getObject(), changes.getObject()));
				filter.setHttpSessionIdResolver(resolver.getIfAvailable(() -> {
					CookieHttpSessionIdResolver cookie = new CookieHttpSessionIdResolver();
					cookies.ifAvailable(cookie::setCookieSerializer);
					return cookie;
				}));
				return filter;
			}
		};
	}

}
