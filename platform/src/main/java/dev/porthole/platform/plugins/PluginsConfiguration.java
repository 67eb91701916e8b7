package dev.porthole.platform.plugins;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The plugin manager's settings ({@code porthole.plugins.*}).
 *
 * @param dir where installed plugins live: a {@code .jar} or an unpacked directory each, and their enabled state
 * @param builtinDir plugins copied into {@code dir} when it is first created; none when absent
 * @param threads the most threads each plugin's executor runs at once
 * @param startTimeout how long a plugin's start may take before it is marked FAILED
 * @param stopTimeout how long a plugin's stop, and then its running tasks, may take before they are abandoned
 */
@ConfigurationProperties("porthole.plugins")
public record PluginsConfiguration(
        Path dir,
        @Nullable Path builtinDir,
        @Bindable(defaultValue = "16") int threads,
        @Bindable(defaultValue = "60s") Duration startTimeout,
        @Bindable(defaultValue = "10s") Duration stopTimeout) {

    /** The directories are made absolute once, here: {@code ./data/plugins} is the default. */
    public PluginsConfiguration {
        dir = dir.toAbsolutePath().normalize();
        builtinDir = builtinDir == null ? null : builtinDir.toAbsolutePath().normalize();
    }
}
