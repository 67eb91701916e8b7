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
