/**
 * Rotations: time zone, daily slots, block length, layers with precedence, rest, horizon,
 * freeze window and who takes part.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rotation")
package com.example.imoc.rotation;
