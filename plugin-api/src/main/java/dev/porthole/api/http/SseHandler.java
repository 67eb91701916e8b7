package dev.porthole.api.http;

import dev.porthole.api.Api;

/**
 * Opens a server-sent event stream. The stream stays open after {@link #open} returns, until the plugin closes it,
 * the client goes away, or the plugin stops; keep it and send from any thread.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
@FunctionalInterface
public interface SseHandler {
    /**
     * Opens the stream for one client.
     *
     * @param request the request that opened it
     * @param stream the stream, open until closed; send to it from any thread
     * @throws Exception an {@link HttpError} answers the request with that error instead of a stream
     */
    void open(Request request, SseStream stream) throws Exception;
}
