package dev.porthole.plugins.containers.environments;

import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last {@link Health} of each environment, from a ping of its runtime; a job checks them all periodically. */
public final class HealthBoard {
    private static final Logger LOG = LoggerFactory.getLogger(HealthBoard.class);

    private final EnvironmentStore environments;
    private final Endpoints endpoints;
    private final Clock clock;
    private final Map<Long, Health> health = new ConcurrentHashMap<>();

    public HealthBoard(EnvironmentStore environments, Endpoints endpoints, Clock clock) {
        this.environments = environments;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    public Health of(long environmentId) {
        return health.getOrDefault(environmentId, Health.UNKNOWN);
    }

    /** Pings the environment's runtime now and records the answer. */
    public Health check(Environment environment) {
        Health now;
        try {
            now = Health.up(endpoints.of(environment).ping(), clock.millis());
        } catch (ContainerError | RuntimeFailure e) {
            now = Health.down(e.getMessage(), clock.millis());
        } catch (RuntimeException e) {
            LOG.warn("checking environment {} failed", environment.id(), e);
            now = Health.down("the runtime failed: " + e.getClass().getSimpleName(), clock.millis());
        }
        if (environments.find(environment.id()).isPresent()) {
            health.put(environment.id(), now);
        }
        return now;
    }

    public void checkAll() {
        environments.all().forEach(this::check);
    }

    public void forget(long environmentId) {
        health.remove(environmentId);
    }
}
