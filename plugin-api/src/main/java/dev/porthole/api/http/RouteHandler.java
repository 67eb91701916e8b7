package dev.porthole.api.http;

import dev.porthole.api.Api;

/** Answers requests to one plugin route. Runs on the plugin's executor and may block. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
@FunctionalInterface
public interface RouteHandler {
    /**
     * Answers one request.
     *
     * @param request the request, its body read
     * @return the response
     * @throws Exception an {@link HttpError} becomes its error response; any other exception a 500 without details
     */
    Response handle(Request request) throws Exception;
}
