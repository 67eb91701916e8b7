package dev.porthole.plugins.containers.logs;

import dev.porthole.api.Json;
import dev.porthole.api.PluginContext;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.plugins.containers.environments.ContainerLocator;
import dev.porthole.plugins.containers.environments.ContainerLocator.Located;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.errors.Failures;
import dev.porthole.plugins.containers.gate.Gate;
import dev.porthole.plugins.containers.gate.Requester;
import dev.porthole.plugins.containers.operations.Sockets;
import dev.porthole.plugins.containers.permissions.Permission;
import dev.porthole.plugins.containers.spi.LogRequest;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /api/v1/ws}, spec 004's socket: it carries the notifications of the caller's operations and their log streams
 * ({@code container.logs.subscribe} / {@code unsubscribe}). One subscription per container per socket; a second
 * subscribe to the same container replaces the first. Every stream ends when the socket closes.
 */
public final class ContainerSocket implements WebSocketHandler {
    public static final String PATH = "/api/v1/ws";
    static final int DEFAULT_TAIL = 100;
    static final int MAX_TAIL = 1000;

    private final Gate gate;
    private final ContainerLocator locator;
    private final Sockets sockets;
    private final Json json;
    private final Clock clock;
    private final Map<String, Requester> requesters = new ConcurrentHashMap<>();
    /** socket id → container id → subscription */
    private final Map<String, Map<String, LogSubscription>> subscriptions = new ConcurrentHashMap<>();

    public ContainerSocket(Gate gate, ContainerLocator locator, Sockets sockets, Json json, Clock clock) {
        this.gate = gate;
        this.locator = locator;
        this.sockets = sockets;
        this.json = json;
        this.clock = clock;
    }

    /** The {@code data} of {@code container.logs.subscribe} and {@code unsubscribe}, each field checked. */
    record LogsData(
            String containerId,
            int tail,
            boolean follow,
            boolean timestamps,
            Optional<String> env,
            Optional<String> runtime,
            Optional<String> namespace) {

        static LogsData read(Object tree) {
            Map<?, ?> data = tree instanceof Map<?, ?> m ? m : Map.of();
            if (!(data.get("containerId") instanceof String id) || id.isBlank()) {
                throw new ContainerError(
                        ErrorCode.INVALID_CONTAINER_ID,
                        "data.containerId: a container id is required",
                        Map.of("field", "data.containerId"));
            }
            Object tail = data.get("tail");
            if (tail != null
                    && !(tail instanceof Number n
                            && n.doubleValue() == Math.rint(n.doubleValue())
                            && n.doubleValue() >= 0
                            && n.doubleValue() <= MAX_TAIL)) {
                throw new ContainerError(
                        ErrorCode.INVALID_REQUEST,
                        "data.tail: must be a whole number of lines from 0 to " + MAX_TAIL + ", not " + tail,
                        Map.of("field", "data.tail"));
            }
            return new LogsData(
                    id,
                    tail == null ? DEFAULT_TAIL : ((Number) tail).intValue(),
                    flag(data, "follow", true),
                    flag(data, "timestamps", false),
                    text(data, "env"),
                    text(data, "runtime"),
                    text(data, "namespace"));
        }

        private static boolean flag(Map<?, ?> data, String field, boolean otherwise) {
            Object value = data.get(field);
            if (value == null) {
                return otherwise;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            throw new ContainerError(
                    ErrorCode.INVALID_REQUEST,
                    "data." + field + ": must be true or false",
                    Map.of("field", "data." + field));
        }

        /** {@code env} may come as a number or a string, as in the query of the HTTP routes. */
        private static Optional<String> text(Map<?, ?> data, String field) {
            Object value = data.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof String || value instanceof Number) {
                return Optional.of(value instanceof Number n ? Long.toString(n.longValue()) : (String) value);
            }
            throw new ContainerError(
                    ErrorCode.INVALID_REQUEST,
                    "data." + field + ": must be a string",
                    Map.of("field", "data." + field));
        }
    }

    public void register(PluginContext context) {
        context.websocket(PATH, Access.anonymous(), this);
    }

    @Override
    public void onOpen(WebSocketSession session) {
        Requester requester;
        try {
            requester = gate.admitSocket(session.request());
        } catch (ContainerError refused) {
            session.close(refused.code() == ErrorCode.RATE_LIMITED ? 1013 : 1008, refused.getMessage());
            return;
        }
        requesters.put(session.id(), requester);
        subscriptions.put(session.id(), new ConcurrentHashMap<>());
        sockets.add(session, requester);
    }

    @Override
    public void onText(WebSocketSession session, String text) {
        Requester requester = requesters.get(session.id());
        if (requester == null) {
            return;
        }
        String type = "";
        Object asked = null;
        try {
            Map<?, ?> message = json.read(text) instanceof Map<?, ?> m ? m : Map.of();
            type = String.valueOf(message.get("type"));
            if (message.get("data") instanceof Map<?, ?> data) {
                asked = data.get("containerId");
            }
            switch (type) {
                case "container.logs.subscribe" -> subscribe(session, requester, LogsData.read(message.get("data")));
                case "container.logs.unsubscribe" ->
                    unsubscribe(session, LogsData.read(message.get("data")).containerId());
                default ->
                    throw new ContainerError(
                            ErrorCode.INVALID_REQUEST,
                            "type: '" + type + "' is not a message this socket takes; send container.logs.subscribe or"
                                    + " container.logs.unsubscribe");
            }
        } catch (ContainerError e) {
            error(session, type, asked, e);
        } catch (IllegalArgumentException e) {
            error(session, type, asked, new ContainerError(ErrorCode.INVALID_REQUEST, e.getMessage()));
        }
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
        requesters.remove(session.id());
        sockets.remove(session);
        Map<String, LogSubscription> open = subscriptions.remove(session.id());
        if (open != null) {
            open.values().forEach(LogSubscription::close);
        }
    }

    private void subscribe(WebSocketSession session, Requester requester, LogsData data) {
        Located target;
        try {
            target = locator.locate(
                    requester,
                    locator.scope(data.env(), data.runtime(), data.namespace()),
                    data.containerId(),
                    Permission.LOGS);
        } catch (RuntimeFailure failure) {
            throw Failures.of(failure, ErrorCode.CONTAINER_LOGS_FAILED);
        }
        String containerId = target.container().id();
        Map<String, LogSubscription> open = subscriptions.get(session.id());
        if (open == null) {
            return;
        }
        LogSubscription previous = open.remove(containerId);
        if (previous != null) {
            previous.close();
        }
        LogSubscription subscription =
                new LogSubscription(session, target.container(), json, clock, ended -> open.remove(containerId, ended));
        open.put(containerId, subscription);
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("containerId", containerId);
        started.put("timestamp", clock.instant().getEpochSecond());
        session.sendJson(Map.of("type", "container.logs.started", "data", started));
        subscription.streaming(target.endpoint()
                .logs(
                        target.container().fullId(),
                        new LogRequest(data.tail(), data.follow(), data.timestamps(), target.namespace()),
                        subscription));
    }

    private void unsubscribe(WebSocketSession session, String containerId) {
        Map<String, LogSubscription> open = subscriptions.getOrDefault(session.id(), Map.of());
        open.values().stream().filter(s -> s.isFor(containerId)).toList().forEach(LogSubscription::close);
    }

    /** A refused message: {@code container.logs.error} for a logs message, {@code error} for any other. */
    private void error(WebSocketSession session, String type, Object containerId, ContainerError e) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (containerId != null) {
            data.put("containerId", containerId);
        }
        data.put("error", e.code().name());
        data.put("message", e.getMessage());
        data.put("timestamp", clock.instant().getEpochSecond());
        session.sendJson(
                Map.of("type", type.startsWith("container.logs") ? "container.logs.error" : "error", "data", data));
    }
}
