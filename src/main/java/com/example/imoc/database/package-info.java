/**
 * Where the data lives: an embedded PostgreSQL on disk when no external database is
 * configured; and how caches learn that it changed ({@link DataChanges}, with each
 * cache's {@link CacheDependencies}): see docs/ARCHITECTURE.md, "Caches and data
 * changes".
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package com.example.imoc.database;
