package com.example.imoc.people;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may join the rotation (DOMAIN.md): grades 8 and 9, at least three months at the
 * company, not on another fast-response on-call; Directors (grade 10) only when they opt
 * in.
 */
@ConfigurationProperties("imoc.eligibility")
public record EligibilityPolicy(@DefaultValue("3") int minTenureMonths, @DefaultValue( {
		"8", "9" }) Set<Integer> grades, @DefaultValue("10") Set<Integer> optInGrades){

	public static EligibilityPolicy defaults() {
		return new EligibilityPolicy(3, Set.of(8, 9), Set.of(10));
	}

}
