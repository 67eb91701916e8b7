package dev.porthole.plugins.dockerssh;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.api.jobs.Schedule;
import dev.porthole.plugins.dockerssh.routes.ContainerRoutes;
import dev.porthole.plugins.dockerssh.session.SessionRegistry;
import dev.porthole.plugins.dockerssh.session.SessionRoutes;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Spec 000, Docker on remote hosts over SSH: the session routes, the container routes on the sessions, and the job
 * that closes sessions idle for {@code idle-timeout} (60 minutes, the spec's figure; setting {@code
 * porthole.plugin-settings.docker-ssh.idle-timeout}).
 */
@Extension
public class DockerSshPlugin implements PortholePlugin {
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(60);
    /** A session outlives its timeout by at most this much: the spec promises cleanup, not the second. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private volatile SessionRegistry sessions;

    @Override
    public void start(PluginContext context) {
        Duration idleTimeout = context.settings().getDuration("idle-timeout", IDLE_TIMEOUT);
        Duration sweepInterval = context.settings().getDuration("sweep-interval", SWEEP_INTERVAL);
        SessionRegistry registry = new SessionRegistry(context.clock(), idleTimeout);
        sessions = registry;
        new SessionRoutes(registry, context.hosts(), context.ssh()).register(context);
        new ContainerRoutes(registry).register(context);
        context.schedule("idle-sessions", Schedule.every(sweepInterval), registry::sweep);
    }

    /** Ends every session's Docker streams; the host closes the routes and the job. */
    @Override
    public void stop() {
        SessionRegistry registry = sessions;
        if (registry != null) {
            registry.close();
        }
    }
}
