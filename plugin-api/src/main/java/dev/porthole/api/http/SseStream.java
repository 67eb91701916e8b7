package dev.porthole.api.http;

import dev.porthole.api.Api;

/** One open server-sent event stream. Thread-safe. Sending on a closed stream does nothing. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface SseStream {
    /** Sends an event named {@code event} whose data is {@code data} written as JSON (a string is sent as-is). */
    void send(String event, Object data);

    /** Sends an unnamed event (the client's {@code message} event). */
    default void send(Object data) {
        send(null, data);
    }

    /** Ends the stream. */
    void close();

    boolean isOpen();

    /** Runs once the stream has ended, whoever ended it; at once if it already has. */
    void onClose(Runnable action);
}
