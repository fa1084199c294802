/**
 * Swaps and covers: requests tied to specific shifts, consent, validation with a what-if
 * preview, race-safe acceptance, undo, coordinator approval, expiry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Swap")
package com.example.imoc.swap;
