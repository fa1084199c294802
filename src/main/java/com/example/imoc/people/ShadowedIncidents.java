package com.example.imoc.people;

import java.util.Collection;
import java.util.Map;

/**
 * How many incidents trainees have shadowed (DOMAIN.md: shadow at least 5 incidents, then
 * a reverse shadow). The incident module knows incidents and reads the schedule, so it
 * answers; the roster asks through this interface instead of depending on that module.
 */
public interface ShadowedIncidents {

	/**
	 * Incidents each person has shadowed so far; someone who shadowed none may be missing
	 * from the answer.
	 */
	Map<Long, Integer> counts(Collection<Long> personIds);

	/**
	 * How many shadowed incidents make a shadow ready to be offered the reverse shadow.
	 */
	int needed();

}
