package dev.porthole.platform.plugins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An installed plugin as the admin API shows it: what it is, where it stands and why, and what it registered.
 *
 * @param reason why it is FAILED; absent otherwise
 */
@Serdeable
public record PluginView(
        String id,
        String version,
        @Nullable String description,
        @Nullable String provider,
        String requires,
        PluginState state,
        boolean enabled,
        @Nullable String reason,
        List<RouteView> routes,
        List<JobView> jobs) {

    /** {@code kind} is HTTP, SSE or WEBSOCKET; {@code access} as {@code Access.toString()} words it. */
    @Serdeable
    public record RouteView(String kind, String method, String path, String access) {}

    /** A scheduled job: its schedule, its last run and how it went, how many runs ran and how many were skipped. */
    @Serdeable
    public record JobView(
            String name,
            String schedule,
            @Nullable Instant lastStarted,
            @Nullable String lastOutcome,
            long runs,
            long skipped) {}
}
