package dev.porthole.platform.dispatch;

/** What a plugin route serves. HTTP and SSE routes share one namespace (both answer plain requests). */
public enum RouteKind {
    HTTP,
    SSE,
    WEBSOCKET;

    boolean sharesNamespaceWith(RouteKind other) {
        return (this == WEBSOCKET) == (other == WEBSOCKET);
    }
}
