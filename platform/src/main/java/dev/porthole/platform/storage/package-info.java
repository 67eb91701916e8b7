/**
 * Where the host keeps its data: the data directory and the database behind it (H2 embedded, or PostgreSQL), with a
 * start-up warning when its commit settings would lose acknowledged writes in a crash; and the plugins' share of that
 * database, with their own migrations and a pool they cannot close.
 */
package dev.porthole.platform.storage;
