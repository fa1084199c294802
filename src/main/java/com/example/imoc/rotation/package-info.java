/**
 * Rotations: time zone, daily slots, block length, layers with precedence, rest, horizon,
 * freeze window and who takes part; stored in
 * {@link com.example.imoc.rotation.Rotations}, and their coordinator pages (create,
 * settings, slots, layers, participants) with the forms' validation and audit. What
 * removing a slot does to shifts is the schedule's
 * ({@link com.example.imoc.rotation.RetiredSlots}); the pages are under {@code /admin},
 * the coordinator's area.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rotation")
package com.example.imoc.rotation;
