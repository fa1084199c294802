/**
 * Demo mode: a realistic organisation seeded once on the embedded database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package com.example.imoc.demo;
