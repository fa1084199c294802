package com.example.imoc.schedule;

import java.util.List;

import org.springframework.stereotype.Component;

import com.example.imoc.rotation.RetiredSlots;

/** Removed slots lose their future shifts outside the freeze window. */
@Component
class ShiftsOfRetiredSlots implements RetiredSlots {

	private final ScheduleMaintenance maintenance;

	ShiftsOfRetiredSlots(ScheduleMaintenance maintenance) {
		this.maintenance = maintenance;
	}

	@Override
	public int cancelShifts(long rotationId, List<Long> slotIds) {
		return this.maintenance.cancelShiftsOfRetiredSlots(rotationId, slotIds);
	}

}
