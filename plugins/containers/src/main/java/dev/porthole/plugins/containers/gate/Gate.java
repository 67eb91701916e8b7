package dev.porthole.plugins.containers.gate;

import dev.porthole.api.http.Request;
import dev.porthole.plugins.containers.access.ClientAddresses;
import dev.porthole.plugins.containers.access.RateLimiter;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.settings.AccessSettings;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Admits a request to a container route, or refuses it, in this order: the client address is resolved (once, for both
 * uses below), the client's rate limit is charged (a refused caller too, so that guessing credentials costs the same),
 * the caller is identified (signed in, or on the local network when the admin allows it), and the route's scope is
 * checked: {@code read:containers} to look, {@code write:containers} to change ({@code write:*} grants both).
 */
public final class Gate {
    public static final String READ = "read:containers";
    public static final String WRITE = "write:containers";

    private final Supplier<AccessSettings> settings;
    private final RateLimiter limiter;
    private volatile Resolved resolved;

    private record Resolved(AccessSettings settings, ClientAddresses addresses) {}

    public Gate(Supplier<AccessSettings> settings, RateLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
    }

    /** @throws ContainerError 429, 401 or 403 */
    public Requester admit(Request request, String scope) {
        Resolved current = resolved();
        String client = current.addresses().resolve(request);
        RateLimiter.Decision decision = limiter.tryAcquire(RateLimiter.keyOf(request, client));
        if (!decision.allowed()) {
            throw new ContainerError(
                    ErrorCode.RATE_LIMITED,
                    "too many requests: the container routes allow " + limiter.describe() + " per client; retry in "
                            + decision.retryAfterSeconds() + " s",
                    Map.of("retryAfter", decision.retryAfterSeconds()));
        }
        Requester requester = identify(request, client, current.settings());
        if (!requester.hasScope(scope)) {
            throw new ContainerError(
                    ErrorCode.PERMISSION_DENIED,
                    "this needs the scope " + scope + " (or write:*); the API token does not hold it");
        }
        return requester;
    }

    /** The caller of a WebSocket: identified as for a route, with the read scope (each message checks its own). */
    public Requester admitSocket(Request upgrade) {
        return admit(upgrade, READ);
    }

    private static Requester identify(Request request, String client, AccessSettings current) {
        if (request.caller().isPresent()) {
            return Requester.signedIn(request.caller().get(), client);
        }
        if (current.localNetworkAccess() && ClientAddresses.within(client, current.localNetworks())) {
            return Requester.localNetwork(client);
        }
        throw new ContainerError(ErrorCode.UNAUTHORIZED, "sign in first: send a session or an API token");
    }

    /** The resolver of the current settings, rebuilt only when an admin changed them. */
    private Resolved resolved() {
        AccessSettings current = settings.get();
        Resolved held = resolved;
        if (held == null || held.settings() != current) {
            held = new Resolved(current, new ClientAddresses(current.trustedProxies()));
            resolved = held;
        }
        return held;
    }
}
