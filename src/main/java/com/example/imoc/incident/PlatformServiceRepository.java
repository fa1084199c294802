package com.example.imoc.incident;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface PlatformServiceRepository extends JpaRepository<PlatformService, Long> {

	List<PlatformService> findAllByOrderByNameAsc();

	Optional<PlatformService> findByName(String name);

}
