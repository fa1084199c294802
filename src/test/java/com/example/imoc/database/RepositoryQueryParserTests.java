package com.example.imoc.database;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.jpa.repository.query.DeclaredQuery;
import org.springframework.data.jpa.repository.query.QueryEnhancer;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.test.util.ReflectionTestUtils;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.people.JobTitle;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Region;
import com.example.imoc.people.Unavailability;
import com.example.imoc.people.UnavailabilityRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every repository reads its {@code @Query} strings with Spring Data's regular-expression
 * enhancer ({@link RegexQueryEnhancerSelector}), so only Hibernate's HQL parser is warmed
 * up at start-up (issue 17); and the queries still answer what they did.
 */
class RepositoryQueryParserTests extends ExternalApiTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	PersonRepository people;

	@Autowired
	UnavailabilityRepository timeAway;

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void everyRepositoryUsesTheRegexEnhancerSelector() {
		Map<String, JpaRepositoryFactoryBean> factories = this.context.getBeansOfType(JpaRepositoryFactoryBean.class);
		assertThat(factories).containsKeys("&personRepository", "&unavailabilityRepository", "&incidentRepository");
		factories.forEach((name, factory) -> {
			Function<BeanFactory, QueryEnhancerSelector> source = (Function<BeanFactory, QueryEnhancerSelector>) ReflectionTestUtils
				.getField(factory, "queryEnhancerSelectorSource");
			assertThat(source).as(name).isNotNull();
			assertThat(source.apply(this.context.getAutowireCapableBeanFactory())).as(name)
				.isInstanceOf(RegexQueryEnhancerSelector.class);
		});
	}

	@Test
	void theSelectorPicksTheRegexEnhancerWhichFindsAliasAndProjection() {
		RegexQueryEnhancerSelector selector = new RegexQueryEnhancerSelector();
		for (DeclaredQuery query : List.of(
				DeclaredQuery.jpqlQuery("select p from Person p where lower(p.email) = lower(:email)"),
				DeclaredQuery.nativeQuery("select p.id from person p where p.active"))) {
			QueryEnhancer enhancer = selector.select(query).create(query);
			assertThat(enhancer.getClass().getSimpleName()).isEqualTo("DefaultQueryEnhancer");
			assertThat(enhancer.detectAlias()).isEqualTo("p");
		}
		DeclaredQuery jpql = DeclaredQuery.jpqlQuery("select p from Person p where p.id = :id");
		assertThat(selector.select(jpql).create(jpql).getProjection()).isEqualTo("p");
	}

	@Test
	void theQueriesStillAnswer() {
		String tag = Long.toString(System.nanoTime());
		Person anna = this.people.save(new Person("Parser Anna " + tag, "parser.anna." + tag + "@example.com",
				JobTitle.BACKEND_ENGINEERING_MANAGER, 8, ZoneId.of("Europe/Berlin"), Region.EMEA,
				LocalDate.of(2020, 1, 6)));
		this.people.save(new Person("Parser Bo " + tag, "parser.bo." + tag + "@example.com",
				JobTitle.BACKEND_ENGINEERING_MANAGER, 9, ZoneId.of("America/New_York"), Region.AMER,
				LocalDate.of(2020, 1, 6)));

		assertThat(this.people.findByEmail("PARSER.ANNA." + tag + "@Example.com")).map(Person::getId)
			.contains(anna.getId());
		assertThat(this.people.search(tag, null, null)).extracting(Person::getName)
			.containsExactly("Parser Anna " + tag, "Parser Bo " + tag);
		assertThat(this.people.search("parser anna " + tag, Region.EMEA, null)).extracting(Person::getId)
			.containsExactly(anna.getId());
		assertThat(this.people.search(tag, Region.APAC, null)).isEmpty();
		assertThat(this.people.findWithManagerById(anna.getId())).map(Person::getId).contains(anna.getId());

		Instant start = Instant.parse("2031-05-04T00:00:00Z");
		Instant end = Instant.parse("2031-05-06T00:00:00Z");
		Unavailability away = this.timeAway
			.save(new Unavailability(anna.getId(), Unavailability.Kind.PTO, start, end, "parser test", "test"));
		assertThat(this.timeAway.overlapping(start.minusSeconds(3600), start.plusSeconds(1)))
			.extracting(Unavailability::getId)
			.contains(away.getId());
		// [from, to) against [startsAt, endsAt): touching at either end is no overlap.
		assertThat(this.timeAway.overlapping(end, end.plusSeconds(3600))).extracting(Unavailability::getId)
			.doesNotContain(away.getId());
		assertThat(this.timeAway.overlapping(start.minusSeconds(3600), start)).extracting(Unavailability::getId)
			.doesNotContain(away.getId());
	}

}
