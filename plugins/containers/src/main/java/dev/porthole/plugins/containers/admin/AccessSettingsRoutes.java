package dev.porthole.plugins.containers.admin;

import static dev.porthole.plugins.containers.errors.ErrorShapes.coded;

import dev.porthole.api.PluginContext;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Request;
import dev.porthole.api.http.Response;
import dev.porthole.plugins.containers.access.ClientAddresses;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.gate.Gate;
import dev.porthole.plugins.containers.settings.AccessSettings;
import dev.porthole.plugins.containers.settings.AccessSettingsStore;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/container-settings}, for admins: whether local-network callers may use the container routes without
 * signing in (off unless an admin turns it on), which ranges count as local, and which reverse proxies are believed
 * about the client's address. Each field may be left out; one bad range refuses the whole body, naming it, and nothing
 * is stored.
 */
public final class AccessSettingsRoutes {
    static final String PATH = "/api/container-settings";
    private static final Access READ = Access.roles(Access.ROLE_ADMIN).withScope(Gate.READ);
    private static final Access WRITE = Access.roles(Access.ROLE_ADMIN).withScope(Gate.WRITE);

    private final AccessSettingsStore store;

    public AccessSettingsRoutes(AccessSettingsStore store) {
        this.store = store;
    }

    record Body(
            Optional<Boolean> localNetworkAccess,
            Optional<List<String>> localNetworks,
            Optional<List<String>> trustedProxies) {}

    public void register(PluginContext context) {
        context.route(Method.GET, PATH, READ, coded(r -> Response.ok(AccessSettingsStore.toJson(store.current()))));
        context.route(Method.PUT, PATH, WRITE, coded(this::save));
    }

    private Response save(Request request) {
        Body body = request.body(Body.class);
        AccessSettings current = store.current();
        AccessSettings next = new AccessSettings(
                body.localNetworkAccess().orElse(current.localNetworkAccess()),
                body.localNetworks().orElse(current.localNetworks()),
                body.trustedProxies().orElse(current.trustedProxies()));
        check(next);
        store.save(next);
        return Response.ok(AccessSettingsStore.toJson(next));
    }

    /** Every range must parse; the first that does not is a 400 naming it by its place. */
    public static void check(AccessSettings settings) {
        ranges("localNetworks", settings.localNetworks());
        ranges("trustedProxies", settings.trustedProxies());
    }

    private static void ranges(String field, List<String> ranges) {
        for (int i = 0; i < ranges.size(); i++) {
            try {
                ClientAddresses.range(ranges.get(i));
            } catch (IllegalArgumentException e) {
                throw ContainerError.badField(field + "[" + i + "]", e.getMessage());
            }
        }
    }
}
