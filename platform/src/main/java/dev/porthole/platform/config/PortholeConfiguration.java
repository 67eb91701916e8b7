package dev.porthole.platform.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The host's own settings ({@code porthole.*}; environment variables {@code PORTHOLE_*}).
 *
 * @param dataDir where the embedded database, the master key and the generated admin password live
 * @param masterKeyFile the master key for secrets at rest; defaults to {@code master.key} in the data directory
 * @param adminPassword the first admin's password; generated and printed once when absent
 * @param sessionTtl how long a login session (JWT) lasts
 * @param cookieSecure mark the session cookie {@code Secure}; turn on behind HTTPS
 */
@ConfigurationProperties("porthole")
public record PortholeConfiguration(
        @Bindable(defaultValue = "./data") Path dataDir,
        @Nullable Path masterKeyFile,
        @Nullable String adminPassword,
        @Bindable(defaultValue = "12h") Duration sessionTtl,
        @Bindable(defaultValue = "false") boolean cookieSecure) {

    /** Paths are made absolute once, here: every path derived from them then compares as it should. */
    public PortholeConfiguration {
        dataDir = dataDir.toAbsolutePath().normalize();
        masterKeyFile =
                masterKeyFile == null ? null : masterKeyFile.toAbsolutePath().normalize();
    }

    public Path resolvedMasterKeyFile() {
        return masterKeyFile != null ? masterKeyFile : dataDir.resolve("master.key");
    }

    @Override
    public String toString() {
        // never print the admin password
        return "PortholeConfiguration[dataDir=" + dataDir + ", masterKeyFile=" + resolvedMasterKeyFile() + "]";
    }
}
