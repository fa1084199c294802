/**
 * The roster: people, their ladder role and grade, eligibility for the rotation, sign-in
 * accounts, CSV import.
 */
@org.springframework.modulith.ApplicationModule(displayName = "People")
package com.example.imoc.people;
