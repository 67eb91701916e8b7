package dev.porthole.platform.hosts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tunnel kept with its source host, for the tunnels plugin (spec 001): {@code local} forwards {@code sourcePort}
 * here to {@code endpointHost:endpointPort} there, {@code remote} the other way, {@code dynamic} is a SOCKS proxy on
 * {@code sourcePort}. Defaults are filled in when stored: 3 retries, 5000 ms apart, no auto-start.
 */
@Serdeable
record TunnelDefinition(
        @Nullable @Size(max = 64) String name,

        @NotNull @Pattern(regexp = "local|remote|dynamic", message = "must be one of local, remote, dynamic")
        String mode,

        @NotNull @Min(1) @Max(65535) Integer sourcePort,
        @Nullable @Size(max = 255) String endpointHost,
        @Nullable @Min(1) @Max(65535) Integer endpointPort,
        @Nullable @Min(0) @Max(100) Integer maxRetries,
        @Nullable @Min(100) @Max(3_600_000) Integer retryInterval,
        @Nullable Boolean autoStart) {

    static final int DEFAULT_RETRIES = 3;
    static final int DEFAULT_RETRY_INTERVAL_MS = 5000;

    TunnelDefinition withDefaults() {
        return new TunnelDefinition(
                name,
                mode,
                sourcePort,
                endpointHost,
                endpointPort,
                maxRetries == null ? DEFAULT_RETRIES : maxRetries,
                retryInterval == null ? DEFAULT_RETRY_INTERVAL_MS : retryInterval,
                autoStart != null && autoStart);
    }

    boolean needsEndpoint() {
        return !mode.equals("dynamic");
    }
}
