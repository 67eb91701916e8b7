/** Where the host keeps its data: the data directory and the database behind it (H2 embedded, or PostgreSQL). */
package dev.porthole.platform.storage;
