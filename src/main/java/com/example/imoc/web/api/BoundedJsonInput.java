package com.example.imoc.web.api;

import java.math.BigDecimal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.imoc.web.security.ControlCharacterFilter;

/**
 * Bounds what a JSON body can make the app do, where it is parsed. A number like
 * {@code 1e999999999} is eleven bytes and a cheap {@link BigDecimal}, but anything that
 * expands it (printing it plainly, rounding, converting it to an integer, storing it)
 * takes minutes and gigabytes: decimals are refused beyond {@value #MAX_DIGITS}
 * significant digits or an exponent beyond ±{@value #MAX_EXPONENT}, with a 400 naming the
 * field. Strings with control characters (NUL, which PostgreSQL refuses, and the rest)
 * are refused as {@link ControlCharacterFilter} refuses them in forms.
 */
@Configuration(proxyBeanMethods = false)
class BoundedJsonInput {

	/**
	 * Far beyond any fraction, weight or percentage the API takes; small enough that any
	 * arithmetic on it is cheap.
	 */
	static final int MAX_DIGITS = 100;

	static final int MAX_EXPONENT = 100;

	@Bean
	JsonMapperBuilderCustomizer boundedNumbersAndPrintableStrings() {
		SimpleModule module = new SimpleModule("imoc-bounded-input");
		module.addDeserializer(BigDecimal.class, new BoundedDecimals());
		module.addDeserializer(String.class, new PrintableStrings());
		return builder -> builder.addModule(module);
	}

	static final class BoundedDecimals extends NumberDeserializers.BigDecimalDeserializer {

		@Override
		public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			BigDecimal value = super.deserialize(parser, context);
			if (value != null && !withinBounds(value)) {
				return context.reportInputMismatch(this, "This number is too large, too small or too precise.");
			}
			return value;
		}

	}

	/**
	 * Whether the decimal is small enough for any arithmetic: few digits and a modest
	 * exponent either way.
	 */
	static boolean withinBounds(BigDecimal value) {
		return value.precision() <= MAX_DIGITS && Math.abs((long) value.precision() - value.scale()) <= MAX_EXPONENT
				&& Math.abs((long) value.scale()) <= MAX_EXPONENT + MAX_DIGITS;
	}

	static final class PrintableStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String value = super.deserialize(parser, context);
			if (ControlCharacterFilter.hasControlCharacter(value)) {
				return context.reportInputMismatch(this,
						"This text contains a control character (such as NUL); remove it and try again.");
			}
			return value;
		}

	}

}
