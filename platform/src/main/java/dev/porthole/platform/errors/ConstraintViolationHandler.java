package dev.porthole.platform.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;

/**
 * Bean-validation failures as a 400 naming each field by its JSON path ({@code proxies[0].port}), not by the Java
 * method and parameter the framework would name.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
final class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    ConstraintViolationHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(exception);
        exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> context.error(new FieldErrorEntry(jsonPath(v), v.getMessage())));
        return errors.processResponse(context.build(), HttpResponse.badRequest());
    }

    /**
     * {@code create.body.proxies[0].port} becomes {@code proxies[0].port}; {@code get.id} becomes {@code id}. Relies on
     * the convention that every JSON body parameter of a controller is named {@code body}.
     */
    static String jsonPath(ConstraintViolation<?> violation) {
        // container elements print as "tags[1].<list element>"; the index already says which element
        String path = violation.getPropertyPath().toString().replaceAll("\\.?<[^>]+>", "");
        String withoutMethod = path.substring(path.indexOf('.') + 1);
        if (withoutMethod.startsWith("body.")) {
            return withoutMethod.substring("body.".length());
        }
        return withoutMethod;
    }
}
