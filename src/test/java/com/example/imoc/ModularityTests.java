package com.example.imoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private static final Path DIAGRAMS = Path.of("docs/modules");

	private final ApplicationModules modules = ApplicationModules.of(ImocApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
		this.modules.verify();
	}

	@Test
	void writesTheModuleDiagramIntoTheDocs() throws IOException {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(DIAGRAMS.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		try (Stream<Path> files = Files.list(DIAGRAMS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
				sortRelations(file);
			}
		}
	}

	/**
	 * Modulith lists relations in no fixed order; sorted, the committed diagrams only
	 * change when modules do.
	 */
	private static void sortRelations(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		List<String> relations = new ArrayList<>(lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList());
		List<String> sorted = new ArrayList<>();
		for (String line : lines) {
			sorted.add(line.startsWith("Rel(") ? relations.remove(0) : line);
		}
		Files.write(file, sorted);
	}

}
