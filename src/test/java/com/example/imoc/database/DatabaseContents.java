package com.example.imoc.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Everything a backup must bring back, in one comparable map: each table of the app's
 * schema (row count and a digest of every row), each sequence's position, each constraint
 * and index, and the extensions. Two databases with equal maps hold the same data in the
 * same schema.
 */
final class DatabaseContents {

	private DatabaseContents() {
	}

	static Map<String, String> of(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Map<String, String> contents = new TreeMap<>();
		for (String table : jdbc.queryForList("select tablename from pg_tables where schemaname = 'public'",
				String.class)) {
			// Rows sorted by their text form, so the digest does not depend on the
			// physical order a restore chose.
			contents.put("table " + table,
					jdbc.queryForObject("select count(*) || ' rows, md5 '"
							+ " || md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from public.\""
							+ table + "\" t", String.class));
		}
		put(jdbc, contents, "sequence ",
				"select sequencename, last_value from pg_sequences where schemaname = 'public'");
		put(jdbc, contents, "constraint ", "select conrelid::regclass || '.' || conname, pg_get_constraintdef(oid)"
				+ " from pg_constraint where connamespace = 'public'::regnamespace");
		put(jdbc, contents, "index ", "select indexname, indexdef from pg_indexes where schemaname = 'public'");
		put(jdbc, contents, "extension ", "select extname, extversion from pg_extension");
		return contents;
	}

	/**
	 * Adds one entry per row of a two-column query: the first column (after the prefix)
	 * is the key.
	 */
	private static void put(JdbcTemplate jdbc, Map<String, String> contents, String prefix, String sql) {
		jdbc.query(sql, (RowCallbackHandler) (row) -> contents.put(prefix + row.getString(1), row.getString(2)));
	}

	/**
	 * What differs between two such maps, one line per entry ("key: expected → actual"),
	 * so a failing comparison names the tables or constraints that did not come back
	 * instead of printing both maps whole.
	 */
	static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
		Set<String> keys = new TreeSet<>(expected.keySet());
		keys.addAll(actual.keySet());
		List<String> differences = new ArrayList<>();
		for (String key : keys) {
			String before = expected.getOrDefault(key, "(missing)");
			String after = actual.getOrDefault(key, "(missing)");
			if (!Objects.equals(before, after)) {
				differences.add(key + ": " + before + " → " + after);
			}
		}
		return differences;
	}

	/** The number of rows of a table in such a map. */
	static long rows(Map<String, String> contents, String table) {
		String entry = contents.get("table " + table);
		if (entry == null) {
			throw new IllegalArgumentException("No table " + table + " in " + contents.keySet());
		}
		return Long.parseLong(entry.substring(0, entry.indexOf(' ')));
	}

}
