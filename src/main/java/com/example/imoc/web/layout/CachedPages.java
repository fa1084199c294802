package com.example.imoc.web.layout;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Pages a module lets the shell's page cache keep per session and replay while the data
 * generation is unchanged: a module declares its own as a bean, with the tables those
 * pages show, so the shell names no feature's address and no feature's table. The page
 * cache's dependency list ({@code database.CacheDependencies}) is the union of the
 * declared tables; a page may be declared only with every table any part of it shows, the
 * layout's parts included (see "Caches and data changes" in docs/ARCHITECTURE.md).
 *
 * @param paths the whole path after the context path, as a regular expression
 * @param tables the tables the pages show, layout included (tables, not views)
 */
public record CachedPages(Pattern paths, Set<String> tables) {

	public CachedPages {
		Assert.notEmpty(tables, "cached pages show at least one table");
		tables = Set.copyOf(tables);
	}

	/** Pages whose whole path matches {@code paths}, showing {@code tables}. */
	public static CachedPages of(String paths, String... tables) {
		return new CachedPages(Pattern.compile(paths), Set.copyOf(Arrays.asList(tables)));
	}

	public boolean matches(String path) {
		return this.paths.matcher(path).matches();
	}

}
