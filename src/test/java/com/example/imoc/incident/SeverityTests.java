package com.example.imoc.incident;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTests {

	@Test
	void severitiesReadAsWords() {
		assertThat(Severity.S1.label()).isEqualTo("Severity 1");
		assertThat(Severity.S4.label()).isEqualTo("Severity 4");
	}

}
