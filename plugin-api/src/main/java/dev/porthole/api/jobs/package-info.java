/**
 * Scheduled jobs of a plugin.
 *
 * @since 0.1.0
 */
package dev.porthole.api.jobs;
