package com.example.imoc.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seeds the coming years' public holidays once every bean exists and before anything
 * starts (Quartz's first extend, demo seeding, web requests), so the first schedule
 * already knows them.
 */
@Component
class HolidaySeeding implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(HolidaySeeding.class);

	private final PublicHolidays holidays;

	HolidaySeeding(PublicHolidays holidays) {
		this.holidays = holidays;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int added = this.holidays.seedComingYears();
		if (added > 0) {
			log.info("Seeded {} public holidays from the holiday library", added);
		}
	}

}
