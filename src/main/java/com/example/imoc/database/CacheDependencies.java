package com.example.imoc.database;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.util.Assert;

/**
 * What one in-memory cache reads: the tables whose rows decide what it serves. A cache
 * trusts what it computed only while {@link DataChanges}'s generation is unchanged, and
 * the generation moves only when a table with the change trigger is written; so every
 * table listed here must carry that trigger (migrations V9, V11, V12, V17).
 * <p>
 * Each cache declares its list once, as a bean next to the cache in its own module.
 * {@code CacheDependenciesTests} checks every declared table for the trigger in
 * pg_trigger, writes to each and watches the generation move, and records the SQL each
 * cache runs to fill itself, failing when it reads a table its list lacks. See
 * docs/ARCHITECTURE.md, "Caches and data changes".
 *
 * @param cache what is cached, in words (for messages and the docs)
 * @param owner the class that keeps the cache
 * @param tables the tables read to fill it (tables, not the views over them: a view has
 * no trigger, its table has)
 */
public record CacheDependencies(String cache, Class<?> owner, Set<String> tables) {

	public CacheDependencies {
		Assert.hasText(cache, "cache must be named");
		Assert.notEmpty(tables, "a cache reads at least one table");
		tables = Collections.unmodifiableSet(new TreeSet<>(tables));
	}

	public static CacheDependencies of(String cache, Class<?> owner, String... tables) {
		return new CacheDependencies(cache, owner, Set.copyOf(Arrays.asList(tables)));
	}

}
