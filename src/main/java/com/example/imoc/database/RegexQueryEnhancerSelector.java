package com.example.imoc.database;

import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;

/**
 * Lets Spring Data JPA read our {@code @Query} strings with its regular-expression
 * enhancer instead of its own ANTLR grammar of HQL (issue 17, start-up). Hibernate parses
 * and validates every query anyway; a second full parser only found the alias and the
 * projection, which the regular expressions find as well for our queries: none of them
 * takes a {@code Sort} or {@code Pageable} (which is what the grammar-based rewriting is
 * for). Warming up that second grammar was 14 % of the CPU of a start
 * (docs/BENCHMARKS.md, "Issue 17: start-up, where the CPU goes"). Set on the repositories
 * by {@code ImocApplication}'s {@code @EnableJpaRepositories}.
 */
public class RegexQueryEnhancerSelector extends QueryEnhancerSelector.DefaultQueryEnhancerSelector {

	public RegexQueryEnhancerSelector() {
		super(QueryEnhancerFactories.fallback(), QueryEnhancerFactories.fallback());
	}

}
