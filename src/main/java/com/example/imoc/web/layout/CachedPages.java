package com.example.imoc.web.layout;

import java.util.regex.Pattern;

/**
 * Pages a module lets the shell's page cache keep per session and replay while the data
 * generation is unchanged: a module declares its own as a bean, so the shell names no
 * feature's address. Only pages whose every part comes from tables the cache's dependency
 * list names may be declared (see "Caches and data changes" in docs/ARCHITECTURE.md).
 *
 * @param paths the whole path after the context path, as a regular expression
 */
public record CachedPages(Pattern paths) {

	public boolean matches(String path) {
		return this.paths.matcher(path).matches();
	}

}
