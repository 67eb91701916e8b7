package dev.porthole.api.http;

import dev.porthole.api.Api;

/** The HTTP methods a plugin route can serve. */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public enum Method {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE
}
