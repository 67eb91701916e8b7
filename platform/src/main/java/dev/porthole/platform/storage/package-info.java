/**
 * Where the host keeps its data: the data directory and the database behind it (H2 embedded, or PostgreSQL); and the
 * plugins' share of that database, with their own migrations and a pool they cannot close.
 */
package dev.porthole.platform.storage;
