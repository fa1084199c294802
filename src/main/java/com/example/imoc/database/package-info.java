/**
 * Where the data lives: an embedded PostgreSQL on disk when no external database is
 * configured.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package com.example.imoc.database;
