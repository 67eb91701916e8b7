package dev.porthole.api.http;

import dev.porthole.api.Api;

/**
 * Opens a server-sent event stream. The stream stays open after {@link #open} returns, until the plugin closes it,
 * the client goes away, or the plugin stops; keep it and send from any thread.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
@FunctionalInterface
public interface SseHandler {
    /** An {@link HttpError} thrown here answers the request with that error instead of a stream. */
    void open(Request request, SseStream stream) throws Exception;
}
