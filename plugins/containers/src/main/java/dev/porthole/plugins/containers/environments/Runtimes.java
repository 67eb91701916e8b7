package dev.porthole.plugins.containers.environments;

import dev.porthole.api.PluginContext;
import dev.porthole.plugins.containers.spi.ContainerRuntime;
import java.util.List;
import java.util.Optional;

/**
 * The runtimes that running plugins offer now. Asked afresh on every use and never kept, so a runtime plugin removed
 * is gone at once (its environments answer 503) and its classes can be unloaded, and one installed again serves at
 * once.
 */
public final class Runtimes {
    /** The runtimes the API knows by name, whether or not a plugin offers them now. */
    public static final List<String> KNOWN = List.of("docker", "kubernetes");

    private final PluginContext context;

    public Runtimes(PluginContext context) {
        this.context = context;
    }

    public Optional<ContainerRuntime> find(String name) {
        return context.extensions(ContainerRuntime.class).stream()
                .filter(runtime -> runtime.name().equals(name))
                .findFirst();
    }

    /** {@return the names of the runtimes offered now} */
    public List<String> running() {
        return context.extensions(ContainerRuntime.class).stream()
                .map(ContainerRuntime::name)
                .sorted()
                .toList();
    }
}
