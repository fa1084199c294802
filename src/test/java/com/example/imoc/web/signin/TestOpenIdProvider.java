package com.example.imoc.web.signin;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect provider for tests, standing in for GitLab: Spring Authorization
 * Server in its own Spring context on a random port, with one registered client (the
 * scheduler), form login for its users, no consent screen, and ID tokens that carry each
 * user's {@code email} and {@code email_verified} as the test set them. It can also play
 * "GitLab is down": then every request gets 503.
 * <p>
 * Deliberately not a {@code @Configuration}: the application's component scan covers this
 * package and must never pick the provider up.
 */
final class TestOpenIdProvider implements AutoCloseable {

	static final String CLIENT_ID = "imoc-scheduler";

	static final String CLIENT_SECRET = "imoc-test-secret";

	static final String PASSWORD = "gitlab-password";

	private final ConfigurableApplicationContext context;

	private final Beans beans;

	private TestOpenIdProvider(ConfigurableApplicationContext context) {
		this.context = context;
		this.beans = context.getBean(Beans.class);
	}

	static TestOpenIdProvider start() {
		return new TestOpenIdProvider(new SpringApplicationBuilder(Beans.class).run("--server.port=0",
				// Not the application's application.yml: this is another server.
				"--spring.config.name=test-openid-provider", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN"));
	}

	/**
	 * The issuer, on "localhost" while the application is reached on 127.0.0.1: cookies
	 * are per host (not per port), and the two servers' session cookies must not
	 * overwrite each other in one browser.
	 */
	String issuer() {
		return "http://localhost:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/**
	 * A GitLab account: signs in with {@link #PASSWORD}; its ID token says this email,
	 * verified or not.
	 */
	String addUser(String email, boolean verified) {
		String username = "user-" + UUID.randomUUID();
		this.beans.users.createUser(User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build());
		this.beans.claims.put(username, Map.of("email", email, "email_verified", verified));
		return username;
	}

	void down(boolean down) {
		this.beans.down.set(down);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@EnableWebSecurity
	// Tomcat runs filters only for requests mapped to a servlet, so a DispatcherServlet
	// on "/" though nothing uses it.
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			SecurityFilterAutoConfiguration.class })
	static class Beans {

		final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();

		final Map<String, Map<String, Object>> claims = new ConcurrentHashMap<>();

		final AtomicBoolean down = new AtomicBoolean();

		private final KeyPair keys = rsaKeys();

		@Bean
		SecurityFilterChain provider(HttpSecurity http) {
			http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
				.formLogin(Customizer.withDefaults());
			return http.build();
		}

		/**
		 * GitLab during an outage: nothing answers but 503, the discovery document
		 * included.
		 */
		@Bean
		FilterRegistrationBean<Filter> outage() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				if (this.down.get()) {
					((HttpServletResponse) response).sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
					return;
				}
				chain.doFilter(request, response);
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return this.users;
		}

		@Bean
		RegisteredClientRepository clients() {
			return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				// A loopback IP address: the provider accepts it on any port, the one the
				// application got.
				.redirectUri("http://127.0.0.1/login/oauth2/code/gitlab")
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.EMAIL)
				.scope(OidcScopes.PROFILE)
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
				.build());
		}

		/**
		 * What GitLab puts in its ID tokens (and so in its user info): the account's
		 * email and whether it is verified.
		 */
		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> emailClaims() {
			return context -> {
				if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
					Map<String, Object> extra = this.claims.getOrDefault(context.getPrincipal().getName(), Map.of());
					context.getClaims().claims(claims -> claims.putAll(extra));
				}
			};
		}

		@Bean
		JWKSource<SecurityContext> jwkSource() {
			RSAKey key = new RSAKey.Builder((RSAPublicKey) this.keys.getPublic())
				.privateKey((RSAPrivateKey) this.keys.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		/**
		 * For the user info endpoint, which takes the access token this provider signed.
		 */
		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.keys.getPublic()).build();
		}

		@Bean
		AuthorizationServerSettings authorizationServerSettings() {
			return AuthorizationServerSettings.builder().build();
		}

		private static KeyPair rsaKeys() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				return generator.generateKeyPair();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
