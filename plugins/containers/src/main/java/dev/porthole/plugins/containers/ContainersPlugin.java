package dev.porthole.plugins.containers;

import dev.porthole.api.PluginContext;
import dev.porthole.api.PortholePlugin;
import dev.porthole.api.jobs.Schedule;
import dev.porthole.plugins.containers.access.ClientAddresses;
import dev.porthole.plugins.containers.access.RateLimiter;
import dev.porthole.plugins.containers.admin.AccessSettingsRoutes;
import dev.porthole.plugins.containers.admin.EnvironmentRoutes;
import dev.porthole.plugins.containers.environments.ContainerLocator;
import dev.porthole.plugins.containers.environments.Endpoints;
import dev.porthole.plugins.containers.environments.EnvironmentStore;
import dev.porthole.plugins.containers.environments.HealthBoard;
import dev.porthole.plugins.containers.environments.Runtimes;
import dev.porthole.plugins.containers.gate.Gate;
import dev.porthole.plugins.containers.logs.ContainerSocket;
import dev.porthole.plugins.containers.operations.Notifier;
import dev.porthole.plugins.containers.operations.Operations;
import dev.porthole.plugins.containers.operations.Sockets;
import dev.porthole.plugins.containers.permissions.Grants;
import dev.porthole.plugins.containers.permissions.PermissionStore;
import dev.porthole.plugins.containers.routes.BulkRoutes;
import dev.porthole.plugins.containers.routes.EnvironmentScopedRoutes;
import dev.porthole.plugins.containers.routes.RuntimeScopedRoutes;
import dev.porthole.plugins.containers.settings.AccessSettings;
import dev.porthole.plugins.containers.settings.AccessSettingsStore;
import java.time.Duration;
import java.util.List;
import org.pf4j.Extension;

/**
 * Specs 003 and 004: the container APIs over the environments admins set up, each served by a runtime that another
 * plugin offers through the {@link dev.porthole.plugins.containers.spi.ContainerRuntime} extension point. This plugin
 * owns the routes, the environments, the permissions, the operations and the rate limit; the runtimes own the
 * connections to Docker or Kubernetes.
 */
@Extension
public class ContainersPlugin implements PortholePlugin {
    static final Duration HEALTH_CHECKS = Duration.ofSeconds(30);
    static final Duration OPERATION_SWEEP = Duration.ofMinutes(5);

    @Override
    public void start(PluginContext context) {
        ContainersOptions options = ContainersOptions.read(context.settings());
        EnvironmentStore environments = EnvironmentStore.load(context.storage().dataSource(), context.json());
        PermissionStore permissions = PermissionStore.load(context.storage().dataSource());
        AccessSettingsStore settings = AccessSettingsStore.load(
                context.storage().dataSource(),
                context.json(),
                new AccessSettings(false, ClientAddresses.LOCAL_NETWORKS, List.of()),
                AccessSettingsRoutes::check);
        Runtimes runtimes = new Runtimes(context);
        Endpoints endpoints = new Endpoints(runtimes, context.hosts(), context.ssh());
        Grants grants = new Grants(permissions);
        ContainerLocator locator = new ContainerLocator(environments, endpoints, grants);
        HealthBoard health = new HealthBoard(environments, endpoints, context.clock());
        Gate gate =
                new Gate(settings::current, new RateLimiter(options.burst(), options.ratePerMinute(), context.clock()));
        Sockets sockets = new Sockets();
        Notifier notifier = new Notifier(context.events(), sockets);
        Operations operations = new Operations(context.executor(), notifier, context.clock());

        new EnvironmentRoutes(
                        environments,
                        permissions,
                        health,
                        endpoints,
                        runtimes,
                        context.hosts(),
                        context.clock(),
                        context.executor())
                .register(context);
        new AccessSettingsRoutes(settings).register(context);
        new EnvironmentScopedRoutes(gate, locator).register(context);
        new RuntimeScopedRoutes(gate, locator, endpoints, grants, operations, context.clock(), context.executor())
                .register(context);
        new BulkRoutes(gate, locator, endpoints, notifier, context.clock(), context.executor()).register(context);
        new ContainerSocket(gate, locator, sockets, context.json(), context.clock()).register(context);

        context.schedule("environment-health", Schedule.every(HEALTH_CHECKS), health::checkAll);
        context.schedule("operations-sweep", Schedule.every(OPERATION_SWEEP), operations::expire);
    }
}
