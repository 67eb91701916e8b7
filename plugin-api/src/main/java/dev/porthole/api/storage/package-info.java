/**
 * A plugin's database access and its own migrations.
 *
 * @since 0.1.0
 */
package dev.porthole.api.storage;
