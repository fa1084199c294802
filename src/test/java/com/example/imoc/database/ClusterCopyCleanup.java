package com.example.imoc.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Deletes the cluster copy {@link ClusterTemplate} made for a context once the context's
 * embedded PostgreSQL has stopped: the embedded server's bean is made to depend on a bean
 * whose destruction deletes the directory, so Spring stops the server first.
 */
@Component
class ClusterCopyCleanup implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final String DELETER = "imocTestClusterCopyDeleter";

	private static final String SERVER = "embeddedPostgres";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
		String copy = this.environment.getProperty(ClusterTemplate.DELETE_ON_CLOSE);
		if (copy == null || !beans.containsBeanDefinition(SERVER) || beans.containsSingleton(DELETER)
				|| !(beans instanceof DefaultListableBeanFactory registry)) {
			return;
		}
		Path dir = Path.of(copy);
		// A server still running (its context failed before it took the server, which
		// EmbeddedDatabaseStart then stops after this) keeps its directory: the next JVM
		// deletes it.
		DisposableBean deleter = () -> {
			if (!Files.exists(dir.resolve("postmaster.pid"))) {
				ClusterTemplate.delete(dir);
			}
		};
		registry.registerSingleton(DELETER, deleter);
		registry.registerDisposableBean(DELETER, deleter);
		BeanDefinition server = beans.getBeanDefinition(SERVER);
		String[] dependsOn = server.getDependsOn();
		server.setDependsOn(
				Stream.concat(Arrays.stream((dependsOn != null) ? dependsOn : new String[0]), Stream.of(DELETER))
					.toArray(String[]::new));
	}

}
