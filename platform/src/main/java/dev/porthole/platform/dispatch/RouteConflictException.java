package dev.porthole.platform.dispatch;

/** A route claim that overlaps one already held, by another plugin, the same plugin or the platform. */
public final class RouteConflictException extends RuntimeException {
    public RouteConflictException(String message) {
        super(message, null, false, false);
    }
}
