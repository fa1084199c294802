package com.example.imoc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module's SQL names only its own tables ({@link TableOwners}) and the views other
 * modules publish (migrations/V17__published_read_models.sql): so a column change in one
 * module's table breaks that module and its views, never the SQL of four others.
 * <p>
 * Scans every string literal and text block under src/main/java (literals joined by
 * {@code +} read as one), takes those that look like SQL, and collects the relations
 * named after FROM, JOIN, INTO, UPDATE, TABLE (and comma-separated FROM lists); JPQL's
 * entity names count as their entity's table. Migrations tell which names are tables and
 * which are views, and whose each view is.
 */
public class SqlOwnershipTests {

	private static final Path SOURCES = Path.of("src/main/java/com/example/imoc");

	private static final Path MIGRATIONS = Path.of("migrations");

	private static final Pattern LOOKS_LIKE_SQL = Pattern.compile(
			"\\b(select|insert\\s+into|delete\\s+from|update\\s+\\w+(\\s+\\w+)?\\s+set|returning|on\\s+conflict|(left|inner|cross)\\s+join|join\\s+\\w+(\\s+\\w+)?\\s+on)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final String NAME = "([a-z_][a-z0-9_]*)";

	private static final String ALIAS = "(?:\\s+(?:as\\s+)?(?!where\\b|on\\b|join\\b|left\\b|inner\\b|cross\\b|order\\b|group\\b|set\\b|limit\\b)[a-z_][a-z0-9_]*)?";

	private static final Pattern RELATIONS = Pattern
		.compile("\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?" + NAME + ALIAS + "((?:\\s*,\\s*" + NAME
				+ ALIAS + ")*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern LISTED = Pattern.compile("\\s*,\\s*" + NAME + ALIAS, Pattern.CASE_INSENSITIVE);

	@Test
	void everyTableHasExactlyOneOwner() {
		Schema schema = Schema.fromMigrations();
		assertThat(schema.tables()).as("tables the migrations create; each needs an owner in TableOwners")
			.containsExactlyInAnyOrderElementsOf(TableOwners.OWNER.keySet());
		assertThat(TableOwners.OWNER.values()).allSatisfy(module -> assertThat(SOURCES.resolve(module)).isDirectory());
	}

	@Test
	void everyViewIsPublishedByTheOneModuleOwningWhatItReads() {
		Schema schema = Schema.fromMigrations();
		assertThat(schema.views()).as("V17's read models").containsKeys("person_view", "shift_view", "rotation_view");
		schema.views().forEach((view, reads) -> {
			assertThat(reads).as(view + " reads tables")
				.isNotEmpty()
				.allSatisfy(t -> assertThat(schema.tables()).contains(t));
			assertThat(reads.stream().map(TableOwners.OWNER::get).distinct()).as(view + " reads one module's tables")
				.hasSize(1);
		});
	}

	@Test
	void noModuleNamesAnotherModulesTable() throws IOException {
		Map<String, String> owners = owners(Schema.fromMigrations());
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				String module = module(file);
				String where = SOURCES.relativize(file).toString();
				for (Reference reference : references(Files.readString(file))) {
					String owner = owners.get(reference.relation());
					if (owner != null && !owner.equals(module)) {
						violations
							.add(where + ":" + reference.line() + " (" + module + ") names " + reference.relation()
									+ ", owned by " + owner + ": use a view or the public API " + owner + " publishes");
					}
				}
			}
		}
		assertThat(violations).as("SQL naming another module's table").isEmpty();
	}

	/**
	 * The scan itself finds what it must: otherwise the test above would pass by seeing
	 * nothing.
	 */
	@Test
	void theScanFindsTablesInLiteralsTextBlocksJoinedLiteralsAndJpql() {
		String source = """
				class X {
					// select * from person: a comment, not SQL
					String a = "select s.id from shift s join person p on p.id = s.assignee_id";
					String b = \"""
							select 1
							from rotation_view r, rotation_slot sl
							where r.id = sl.rotation_id\""";
					String c = "select id from " +
							"handover_note where x";
					@Query("select p from Person p where p.email = :e")
					String d = "Removed from rotation IMOC"; // English, not SQL
					String e = "update shift set state = 'CANCELLED'";
					String f = "insert into feed_tombstone (person_id) values (?)";
					char q = '"';
					String g = "delete from swap_request where id = ?";
				}
				""";
		assertThat(references(source)).containsExactly(new Reference("shift", 3), new Reference("person", 3),
				new Reference("rotation_view", 6), new Reference("rotation_slot", 6), new Reference("handover_note", 8),
				new Reference("person", 10), new Reference("shift", 12), new Reference("feed_tombstone", 13),
				new Reference("swap_request", 15));
		Map<String, String> owners = owners(Schema.fromMigrations());
		assertThat(owners).containsEntry("shift", "schedule")
			.containsEntry("shift_view", null)
			.containsEntry("person", "people")
			.containsEntry("auditentry", "audit");
	}

	/**
	 * Relation name to the module whose SQL alone may name it: tables and JPA entities by
	 * owner; a published view maps to null (anyone may read it).
	 */
	private static Map<String, String> owners(Schema schema) {
		Map<String, String> owners = new HashMap<>(TableOwners.OWNER);
		schema.views().keySet().forEach(view -> owners.put(view, null));
		try (Stream<Path> files = Files.walk(SOURCES)) {
			files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
				String text = read(file);
				if (text.contains("@Entity")) {
					String entity = file.getFileName().toString().replace(".java", "").toLowerCase(Locale.ROOT);
					owners.putIfAbsent(entity, module(file));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return owners;
	}

	private static String module(Path file) {
		Path relative = SOURCES.relativize(file);
		return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
	}

	/**
	 * The relations one SQL statement names (tables, views, and names that are neither,
	 * such as aliases of subqueries), lower case.
	 */
	public static Set<String> relations(String sql) {
		Set<String> relations = new LinkedHashSet<>();
		Matcher matcher = RELATIONS.matcher(sql);
		while (matcher.find()) {
			relations.add(matcher.group(1).toLowerCase(Locale.ROOT));
			Matcher listed = LISTED.matcher(matcher.group(2));
			while (listed.find()) {
				relations.add(listed.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return relations;
	}

	/** Each view the migrations create, with the tables it reads. */
	public static Map<String, Set<String>> views() {
		return Schema.fromMigrations().views();
	}

	record Reference(String relation, int line) {
	}

	/** Every relation named by SQL in the source's string literals, in order. */
	static List<Reference> references(String source) {
		List<Reference> references = new ArrayList<>();
		for (Literal literal : literals(source)) {
			if (!LOOKS_LIKE_SQL.matcher(literal.text()).find()) {
				continue;
			}
			Matcher matcher = RELATIONS.matcher(literal.text());
			while (matcher.find()) {
				int line = literal.line() + newlines(literal.text(), matcher.start());
				references.add(new Reference(matcher.group(1).toLowerCase(Locale.ROOT), line));
				Matcher listed = LISTED.matcher(matcher.group(2));
				while (listed.find()) {
					references.add(new Reference(listed.group(1).toLowerCase(Locale.ROOT), line));
				}
			}
		}
		return references;
	}

	private static int newlines(String text, int end) {
		int count = 0;
		for (int i = 0; i < end; i++) {
			if (text.charAt(i) == '\n') {
				count++;
			}
		}
		return count;
	}

	private record Literal(String text, int line) {
	}

	/**
	 * The string literals and text blocks of Java source, outside comments, with the line
	 * each starts on; literals joined only by {@code +} come back as one.
	 */
	static List<Literal> literals(String source) {
		List<Literal> literals = new ArrayList<>();
		int line = 1;
		int i = 0;
		int lastEnd = -1;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (c == '\n') {
				line++;
				i++;
			}
			else if (source.startsWith("//", i)) {
				while (i < source.length() && source.charAt(i) != '\n') {
					i++;
				}
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				end = end < 0 ? source.length() : end + 2;
				line += newlines(source.substring(i, end), end - i);
				i = end;
			}
			else if (c == '\'') {
				i++;
				while (i < source.length() && source.charAt(i) != '\'') {
					i += source.charAt(i) == '\\' ? 2 : 1;
				}
				i++;
			}
			else if (c == '"') {
				int opened = i;
				boolean block = source.startsWith("\"\"\"", i);
				int start = line;
				StringBuilder text = new StringBuilder();
				i += block ? 3 : 1;
				while (i < source.length()) {
					if (block ? source.startsWith("\"\"\"", i) : source.charAt(i) == '"') {
						i += block ? 3 : 1;
						break;
					}
					char d = source.charAt(i);
					if (d == '\\' && i + 1 < source.length()) {
						text.append(d).append(source.charAt(i + 1));
						i += 2;
						continue;
					}
					if (d == '\n') {
						line++;
					}
					text.append(d);
					i++;
				}
				if (lastEnd >= 0 && source.substring(lastEnd, opened).strip().equals("+")) {
					Literal previous = literals.remove(literals.size() - 1);
					literals.add(new Literal(previous.text() + text, previous.line()));
				}
				else {
					literals.add(new Literal(text.toString(), start));
				}
				lastEnd = i;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The tables and views the migrations leave behind (each view with the relations it
	 * reads), read from the SQL in migrations/ in version order.
	 */
	record Schema(Set<String> tables, Map<String, Set<String>> views) {

		private static final Pattern STATEMENT = Pattern.compile(
				"create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME + "|create\\s+(?:or\\s+replace\\s+)?view\\s+"
						+ NAME + "\\s+as\\s+(.*?);" + "|drop\\s+(table|view)\\s+(?:if\\s+exists\\s+)?" + NAME
						+ "|alter\\s+table\\s+" + NAME + "\\s+rename\\s+to\\s+" + NAME,
				Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

		static Schema fromMigrations() {
			Set<String> tables = new TreeSet<>();
			Map<String, Set<String>> views = new TreeMap<>();
			Map<String, String> files = new TreeMap<>(SqlOwnershipTests::byVersion);
			try (Stream<Path> migrations = Files.list(MIGRATIONS)) {
				migrations.filter(f -> f.toString().endsWith(".sql"))
					.forEach(f -> files.put(f.getFileName().toString(), read(f)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			for (String sql : files.values()) {
				Matcher matcher = STATEMENT.matcher(sql.replaceAll("--[^\n]*", ""));
				while (matcher.find()) {
					if (matcher.group(1) != null) {
						tables.add(lower(matcher.group(1)));
					}
					else if (matcher.group(2) != null) {
						Set<String> reads = new LinkedHashSet<>();
						Matcher relations = RELATIONS.matcher(matcher.group(3));
						while (relations.find()) {
							reads.add(lower(relations.group(1)));
						}
						views.put(lower(matcher.group(2)), reads);
					}
					else if (matcher.group(4) != null) {
						tables.remove(lower(matcher.group(5)));
						views.remove(lower(matcher.group(5)));
					}
					else if (tables.remove(lower(matcher.group(6)))) {
						tables.add(lower(matcher.group(7)));
					}
				}
			}
			return new Schema(tables, views);
		}

		private static String lower(String name) {
			return name.toLowerCase(Locale.ROOT);
		}

	}

	/** V2 before V10, V17 before V17_1. */
	private static int byVersion(String a, String b) {
		return version(a).compareTo(version(b));
	}

	private static java.math.BigDecimal version(String file) {
		String version = file.substring(1, file.indexOf("__")).replace('_', '.');
		int dot = version.indexOf('.');
		if (dot >= 0) {
			version = version.substring(0, dot + 1) + version.substring(dot + 1).replace(".", "");
		}
		return new java.math.BigDecimal(version);
	}

}
