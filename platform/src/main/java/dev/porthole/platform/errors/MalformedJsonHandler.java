package dev.porthole.platform.errors;

import dev.porthole.platform.json.MalformedJson;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/**
 * A request body that is not JSON: 400 {@code body: malformed JSON at line L column C}, instead of the framework's
 * "Invalid JSON" with the parser's message (which names parser classes).
 */
@Produces
@Singleton
@Replaces(JsonExceptionHandler.class)
final class MalformedJsonHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    MalformedJsonHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
        return respond(errors, request, exception);
    }

    static HttpResponse<?> respond(ErrorResponseProcessor<?> errors, HttpRequest<?> request, Exception exception) {
        return errors.processResponse(
                ErrorContext.builder(request)
                        .cause(exception)
                        .error(new FieldErrorEntry("body", MalformedJson.describe(exception)))
                        .build(),
                HttpResponse.badRequest());
    }
}
