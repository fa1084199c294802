package com.example.imoc.people;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTests {

	@Test
	void rolesReadAsWords() {
		assertThat(Role.MANAGER.label()).isEqualTo("Manager");
		assertThat(Role.COORDINATOR.label()).isEqualTo("Coordinator");
	}

}
