package dev.porthole.api.http;

import dev.porthole.api.Api;

/** The HTTP methods a plugin route can serve. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public enum Method {
    /** Reads; also the method of SSE streams and WebSocket upgrades. */
    GET,
    /** Creates or acts. */
    POST,
    /** Replaces. */
    PUT,
    /** Changes part of a resource. */
    PATCH,
    /** Removes. */
    DELETE
}
