package dev.porthole.platform.dispatch;

import dev.porthole.api.Registration;
import dev.porthole.api.http.Method;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes plugins serve. Reads are lock-free on an immutable snapshot; claims and withdrawals replace it. A claim
 * that overlaps another plugin's route or a platform route is refused, naming both.
 */
@Singleton
public class RouteRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final BeanProvider<Router> router;
    private volatile List<Entry> entries = List.of();

    RouteRegistry(BeanProvider<Router> router) {
        this.router = router;
    }

    /** A live route and the connections (SSE streams, WebSockets) open on it, closed when the route goes. */
    public static final class Entry {
        private final PluginRoute route;
        private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
        private volatile boolean withdrawn;

        private Entry(PluginRoute route) {
            this.route = route;
        }

        public PluginRoute route() {
            return route;
        }

        /** Tracks an open connection; false (and nothing tracked) when the route has been withdrawn meanwhile. */
        public boolean track(AutoCloseable connection) {
            open.add(connection);
            if (withdrawn) {
                open.remove(connection);
                return false;
            }
            return true;
        }

        public void untrack(AutoCloseable connection) {
            open.remove(connection);
        }

        private void closeConnections() {
            withdrawn = true;
            for (AutoCloseable connection : List.copyOf(open)) {
                try {
                    connection.close();
                } catch (Exception e) {
                    LOG.debug("closing a connection of {} failed", route.describe(), e);
                }
            }
            open.clear();
        }
    }

    /** A request path matched to a route, with the path's variables. */
    public record Match(Entry entry, Map<String, String> pathParams) {
        public PluginRoute route() {
            return entry.route();
        }
    }

    /** Claims a route; throws {@link RouteConflictException} when it overlaps one already held. */
    public synchronized Registration add(PluginRoute route) {
        for (Entry held : entries) {
            PluginRoute other = held.route;
            if (!other.kind().sharesNamespaceWith(route.kind()) || other.method() != route.method()) {
                continue;
            }
            boolean sameOwner = other.owner().equals(route.owner());
            boolean clash = sameOwner
                    ? other.path().segments().equals(route.path().segments())
                            || (other.path().overlaps(route.path())
                                    && other.path().specificity()
                                            == route.path().specificity())
                    : other.path().overlaps(route.path());
            if (clash) {
                throw new RouteConflictException(
                        route.describe() + " of plugin '" + route.owner() + "' overlaps " + other.describe()
                                + (sameOwner ? " of the same plugin" : " of plugin '" + other.owner() + "'"));
            }
        }
        platformRouteOverlapping(route).ifPresent(platform -> {
            throw new RouteConflictException(
                    route.describe() + " of plugin '" + route.owner() + "' overlaps the platform's route " + platform);
        });
        Entry entry = new Entry(route);
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(Comparator.comparingInt((Entry e) -> e.route.path().specificity())
                .reversed());
        entries = List.copyOf(next);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                withdraw(entry);
            }
        };
    }

    /** The most specific route of this kind and method that matches {@code path}. */
    public Optional<Match> find(RouteKind kind, Method method, String path) {
        String[] segments = PathTemplate.split(path);
        if (segments == null) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            PluginRoute route = entry.route;
            if (route.method() != method || !route.kind().sharesNamespaceWith(kind)) {
                continue;
            }
            Map<String, String> params = route.path().match(segments);
            if (params != null) {
                return Optional.of(new Match(entry, params));
            }
        }
        return Optional.empty();
    }

    /** Every route plugins serve now. */
    public List<PluginRoute> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    private synchronized void removeEntry(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.remove(entry);
        entries = List.copyOf(next);
    }

    private void withdraw(Entry entry) {
        removeEntry(entry);
        entry.closeConnections();
    }

    private Optional<String> platformRouteOverlapping(PluginRoute route) {
        HttpMethod method = HttpMethod.valueOf(route.method().name());
        return router.get()
                .uriRoutes()
                .filter(info -> info.getHttpMethod() == method)
                .filter(info -> !isDispatcher(info.getDeclaringType()))
                .filter(info -> route.path()
                        .overlaps(segmentsOf(info.getUriMatchTemplate().toString())))
                .map(info -> info.getHttpMethodName() + " " + info.getUriMatchTemplate())
                .findFirst();
    }

    /** Whether a controller is one of the catch-alls that hand requests to plugin routes. */
    public static boolean isDispatcher(Class<?> type) {
        return type == DispatchController.class || type == WebSocketDispatcher.class;
    }

    private static List<String> segmentsOf(String template) {
        String path = template.startsWith("/") ? template.substring(1) : template;
        int query = path.indexOf("{?");
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.isEmpty() ? List.of() : Arrays.asList(path.split("/"));
    }
}
