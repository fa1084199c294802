package com.example.imoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

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
		// After the Documenter, which empties the folder first.
		writesThePagesOfEachModule();
	}

	/**
	 * The pages (Spring MVC controllers) of each module, from Modulith's model of the
	 * modules, as a PlantUML diagram: {@code docs/modules/pages.puml}. (Modulith's own
	 * module canvas cannot be written here: its Javadoc reader breaks on the interval
	 * notation "[from, to)" of this code's comments.)
	 */
	private void writesThePagesOfEachModule() throws IOException {
		Map<String, List<String>> pages = new TreeMap<>();
		for (ApplicationModule module : this.modules) {
			List<String> controllers = module.getSpringBeans()
				.stream()
				.filter(bean -> bean.toArchitecturallyEvidentType().isController())
				.map(bean -> bean.getType().getSimpleName())
				.sorted()
				.toList();
			if (!controllers.isEmpty()) {
				pages.put(module.getIdentifier().toString(), controllers);
			}
		}
		List<String> lines = new ArrayList<>(List.of("@startuml", "title Pages (Spring MVC controllers) by module",
				"' Written by ModularityTests from Spring Modulith's model of the modules.", ""));
		pages.forEach((module, controllers) -> {
			lines.add("package \"" + module + "\" {");
			controllers.forEach(controller -> lines.add("  [" + controller + "]"));
			lines.add("}");
		});
		lines.add("@enduml");
		Files.write(DIAGRAMS.resolve("pages.puml"), lines);

		assertThat(pages.get("rotation")).as("the rotation pages, in the rotation module")
			.contains("RotationSettingsController", "NewRotationController", "ParticipantsController");
		assertThat(pages.get("schedule")).as("the schedule pages, in the schedule module")
			.contains("ScheduleController");
		assertThat(pages.getOrDefault("web", List.of())).as("the web shell's controllers: sign-in and errors only")
			.allMatch(controller -> controller.contains("Login") || controller.contains("SignIn")
					|| controller.contains("Error"));
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
