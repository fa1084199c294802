/**
 * Importing a PagerDuty schedule: its layers, restrictions and people become a rotation
 * with the same slots and the people matched by email, its future overrides covers, after
 * a preview that says what will be created and what could not be matched.
 */
@org.springframework.modulith.ApplicationModule(displayName = "PagerDuty import")
package com.example.imoc.pagerduty;
