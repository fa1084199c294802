package com.example.imoc;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import net.bytebuddy.ByteBuddy;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.SpringVersion;
import org.springframework.data.jpa.repository.JpaRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up (issue 17): the jars most classes load from stay at the front of the class
 * path. {@code java -jar} looks every class up in the fat jar's nested jars one after the
 * other in Maven's order (the jar's {@code BOOT-INF/classpath.idx}, the same order as
 * here), so a jar at position 150 costs 150 look-ups per class; {@code pom.xml} declares
 * these first. A dependency added above that block, or the block removed, fails here.
 */
class ClassPathOrderTests {

	/**
	 * The first 50 of the 160-odd jars (spring-core was at 152, spring-context at 103).
	 */
	static final int FRONT = 50;

	@Test
	void theJarsMostClassesLoadFromComeFirst() throws URISyntaxException {
		List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		for (Class<?> type : List.of(Session.class, ByteBuddy.class, SpringVersion.class, JpaRepository.class,
				ObjectMapper.class, BeanFactory.class, ApplicationContext.class)) {
			Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
			int position = classPath.stream().map(Path::of).toList().indexOf(jar);
			assertThat(position).as("position of %s on the class path", jar.getFileName()).isBetween(0, FRONT);
		}
	}

}
