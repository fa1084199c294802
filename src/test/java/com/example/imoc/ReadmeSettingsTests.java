package com.example.imoc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table names each setting once. */
class ReadmeSettingsTests {

	@Test
	void everySettingIsListedOnce() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		String section = readme.substring(readme.indexOf("## Configuration"));
		section = section.substring(0, section.indexOf("\n## ", 3));
		List<String> names = new ArrayList<>();
		for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
			Matcher name = Pattern.compile("`([A-Z][A-Z0-9_<>]*)`").matcher(line.split(" \\| ")[0]);
			while (name.find()) {
				names.add(name.group(1));
			}
		}
		assertThat(names).hasSizeGreaterThan(30).doesNotHaveDuplicates();
	}

}
