package com.example.imoc.simulation;

import java.time.Instant;

/**
 * Why a shift row was created or changed owner, as the harness recorded it for the step
 * that did it. Invariant (a) names these; the churn figures count them.
 *
 * @param day the simulated day (0 is the first)
 * @param at the simulated instant of the step
 * @param what the step in words (who asked for what)
 */
record Cause(Kind kind, int day, Instant at, String what) {

	enum Kind {

		/** The daily job created the row. */
		EXTEND("created by the daily extend", false, Source.SCHEDULER),
		/**
		 * The daily job's repair changed an owner although nothing the harness did that
		 * day asked for it.
		 */
		DAILY_REPAIR("repaired by the daily job with no request behind it", false, Source.SCHEDULER),
		/** A repair after someone's change moved a shift of somebody else. */
		COLLATERAL_REPAIR("moved by a repair although its owner was not the one who changed", false, Source.SCHEDULER),
		/** A repair filled a coverage gap. */
		GAP_FILLED("coverage gap filled", true, Source.GAP), SWAP("swap", true, Source.REQUEST),
		COVER("cover", true, Source.REQUEST), PARTIAL_COVER("partial cover", true, Source.REQUEST),
		OPEN_COVER("open cover taken", true, Source.REQUEST),
		COORDINATOR_COVER("covered by the coordinator (freeze window)", true, Source.REQUEST),
		REPAIR_AFTER_TIME_AWAY("repair after time away", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_SICK_DAY("repair after a sick day", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_LEAVING("repair after someone left", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_LAYER_MOVE("repair after a layer move", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_ONBOARDING("repair after shadowing finished", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_JOINING("repair after someone joined", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_PREFERENCES("repair after preferred slots changed", true, Source.PERSON_CHANGE),
		REPAIR_AFTER_SETTING("repair after a rotation setting changed", true, Source.PERSON_CHANGE);

		/** Who the change comes from, for the churn table. */
		enum Source {

			/**
			 * The scheduler on its own: the goal is none of these within 14 days of a
			 * shift.
			 */
			SCHEDULER,
			/** Someone's swap or cover request. */
			REQUEST,
			/** A repair that someone's change (time away, leaving, …) made necessary. */
			PERSON_CHANGE,
			/** A gap the scheduler filled. */
			GAP

		}

		private final String label;

		private final boolean explainsSplit;

		private final Source source;

		Kind(String label, boolean explainsSplit, Source source) {
			this.label = label;
			this.explainsSplit = explainsSplit;
			this.source = source;
		}

		String label() {
			return this.label;
		}

		/**
		 * Whether this cause is a recorded event that may split a block (invariant (a)).
		 */
		boolean explainsSplit() {
			return this.explainsSplit;
		}

		Source source() {
			return this.source;
		}

		boolean isRepairAfterChange() {
			return this.source == Source.PERSON_CHANGE;
		}

	}

	@Override
	public String toString() {
		return this.kind.label() + " (day " + this.day + ", " + this.at + ": " + this.what + ")";
	}

}
