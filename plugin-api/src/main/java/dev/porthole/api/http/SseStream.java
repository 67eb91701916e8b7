package dev.porthole.api.http;

import dev.porthole.api.Api;

/** One open server-sent event stream. Thread-safe. Sending on a closed stream does nothing. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface SseStream {
    /**
     * Sends an event.
     *
     * @param event the event's name (its {@code event:} line), or null for an unnamed event
     * @param data written as JSON; a string is sent as it is
     */
    void send(String event, Object data);

    /**
     * Sends an unnamed event (the client's {@code message} event).
     *
     * @param data written as JSON; a string is sent as it is
     */
    default void send(Object data) {
        send(null, data);
    }

    /**
     * Sends a comment line ({@code : text}), which clients ignore and proxies count as traffic; a protocol that promises
     * its own keepalive comment sends it with this. The host also sends one now and then by itself.
     *
     * @param text the comment, on one line
     * @since 0.2.0
     */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    void comment(String text);

    /** Ends the stream. */
    void close();

    /** {@return whether the stream is still open} */
    boolean isOpen();

    /**
     * Runs once the stream has ended, whoever ended it; at once if it already has.
     *
     * @param action what to run, e.g. forgetting the stream
     */
    void onClose(Runnable action);
}
