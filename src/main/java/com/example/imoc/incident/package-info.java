/**
 * Incidents and the availability goal: incidents with the services they hit and their
 * IMOC (taken from the schedule), service weights, the monthly availability figure, error
 * budget and incident metrics (plain Java, in {@code availability}), time in lieu for
 * weekend and holiday shifts (plain Java, in {@code lieu}), their pages, the on-call
 * hours report and the JSON API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package com.example.imoc.incident;
