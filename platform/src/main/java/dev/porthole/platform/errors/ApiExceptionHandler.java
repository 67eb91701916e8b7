package dev.porthole.platform.errors;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    ApiExceptionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(exception);
        if (exception.fieldErrors().isEmpty()) {
            context.errorMessage(exception.getMessage());
        } else {
            exception.fieldErrors().forEach(e -> context.error(new FieldErrorEntry(e.field(), e.message())));
        }
        MutableHttpResponse<?> response = HttpResponse.status(exception.status());
        if (exception.retryAfter() != null) {
            long seconds = Math.max(1, (exception.retryAfter().toMillis() + 999) / 1000);
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return errors.processResponse(context.build(), response);
    }
}
