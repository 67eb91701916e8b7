package dev.porthole.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The parser's own exception reaching the server: answered as {@link MalformedJsonHandler} answers. */
@Produces
@Singleton
@Replaces(JacksonExceptionHandler.class)
final class MalformedJacksonHandler implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    MalformedJacksonHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonProcessingException exception) {
        return MalformedJsonHandler.respond(errors, request, exception);
    }
}
