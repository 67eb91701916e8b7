package dev.porthole.platform.dispatch;

import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Response;
import dev.porthole.platform.errors.Problem;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what a plugin handler returned or threw into the server's response. */
@Singleton
final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private final JsonTrees json;

    Responses(JsonTrees json) {
        this.json = json;
    }

    MutableHttpResponse<?> of(Response response) {
        MutableHttpResponse<Object> out = HttpResponse.status(HttpStatus.valueOf(response.status()));
        response.headers().forEach(out::header);
        switch (response.bodyKind()) {
            case JSON -> out.contentType(MediaType.APPLICATION_JSON_TYPE).body(json.writeBytes(response.body()));
            case BYTES -> out.contentType(response.contentType()).body(response.body());
            case NONE -> {}
        }
        return out;
    }

    /** The response for a handler's failure: its {@link HttpError}, or a 500 that tells nothing of the cause. */
    MutableHttpResponse<?> failure(PluginRoute route, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof HttpError httpError) {
            return httpError
                    .response()
                    .<MutableHttpResponse<?>>map(this::of)
                    .orElseGet(() -> problem(
                            httpError.status(),
                            httpError.getMessage(),
                            httpError
                                    .field()
                                    .map(f -> List.of(new Problem.FieldError(
                                            f, httpError.getMessage().substring(f.length() + 2))))
                                    .orElse(List.of())));
        }
        if (cause instanceof RejectedExecutionException) {
            return problem(503, "plugin '" + route.owner() + "' is stopping", List.of());
        }
        LOG.error("plugin '{}' failed on {}", route.owner(), route.describe(), cause);
        return problem(500, "plugin '" + route.owner() + "' failed to handle the request", List.of());
    }

    MutableHttpResponse<?> problem(int status, String detail, List<Problem.FieldError> errors) {
        return Problem.response(HttpStatus.valueOf(status), detail, errors);
    }
}
