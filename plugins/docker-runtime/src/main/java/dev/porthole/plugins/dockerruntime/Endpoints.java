package dev.porthole.plugins.dockerruntime;

import dev.porthole.plugins.containers.spi.EndpointSpec;
import dev.porthole.plugins.containers.spi.RuntimeEndpoint;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.dockerruntime.docker.DockerEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The endpoints of one start of the plugin, one per environment key, kept while the key's spec stays the same. An
 * endpoint replaced or forgotten is closed outside the lock: closing waits a little for its log streams to end.
 */
final class Endpoints implements AutoCloseable {
    private record Kept(EndpointSpec spec, DockerEndpoint endpoint) {}

    private final Executor executor;
    private final Clock clock;
    private final Map<String, Kept> kept = new HashMap<>();
    private boolean closed;

    Endpoints(Executor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    RuntimeEndpoint get(String key, EndpointSpec spec) {
        Kept old;
        DockerEndpoint fresh;
        synchronized (this) {
            if (closed) {
                throw new RuntimeFailure(RuntimeFailure.Kind.UNAVAILABLE, "the docker-runtime plugin is stopping");
            }
            old = kept.get(key);
            if (old != null && old.spec().equals(spec)) {
                return old.endpoint();
            }
            fresh = DockerEndpoint.open(EndpointSettings.reach(spec), executor, clock);
            kept.put(key, new Kept(spec, fresh));
        }
        if (old != null) {
            old.endpoint().close();
        }
        return fresh;
    }

    void forget(String key) {
        Kept old;
        synchronized (this) {
            old = kept.remove(key);
        }
        if (old != null) {
            old.endpoint().close();
        }
    }

    /** Closes every endpoint; later calls of {@link #get} are refused. */
    @Override
    public void close() {
        List<Kept> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(kept.values());
            kept.clear();
        }
        DockerEndpoint.closeAll(all.stream().map(Kept::endpoint).toList());
    }
}
