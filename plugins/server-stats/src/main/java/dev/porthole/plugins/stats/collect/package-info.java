/**
 * Collecting a Linux host's metrics over SSH in one exec per poll: {@link dev.porthole.plugins.stats.collect.MetricsScript}
 * is the POSIX sh script (one pause for both rate samples), {@link dev.porthole.plugins.stats.collect.MetricsOutput}
 * splits what it prints, {@link dev.porthole.plugins.stats.collect.MetricsParser} turns that into
 * {@link dev.porthole.plugins.stats.collect.HostMetrics}, shaped as Termix's {@code GET /metrics/:id} body.
 *
 * <p>Plain Java: no plugin-api type, no I/O, nothing but strings in and records out.
 */
package dev.porthole.plugins.stats.collect;
