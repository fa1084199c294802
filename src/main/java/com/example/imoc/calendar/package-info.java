/**
 * Calendar feeds: secret per-person and per-rotation iCalendar URLs (stored hashed), the
 * feeds themselves (built with ical4j, cached per schedule version, with ETag and
 * Last-Modified), the cancellations a person still owes their calendar after a shift left
 * them, and the subscribe page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar")
package com.example.imoc.calendar;
