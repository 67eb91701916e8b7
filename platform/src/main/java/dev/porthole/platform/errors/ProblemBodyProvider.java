package dev.porthole.platform.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the host answers, its own and the framework's (unknown route, malformed JSON, wrong media type, too
 * large a body, failed validation), leaves as {@code application/problem+json}. A server error never carries the
 * exception's text or a stack trace to the client; it is logged instead.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemBodyProvider.class);

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String title = response.getStatus().getReason();
        if (status >= 500) {
            context.getRootCause()
                    .ifPresent(cause -> LOG.error(
                            "{} {} failed",
                            context.getRequest().getMethod(),
                            context.getRequest().getPath(),
                            cause));
            return new Problem(
                    "about:blank",
                    title,
                    status,
                    "The server could not complete the request; the cause is in its log.",
                    null,
                    List.of());
        }
        List<Problem.FieldError> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(e.getPath().get(), e.getMessage()))
                .toList();
        String detail = fields.isEmpty()
                ? context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "))
                : fields.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        String code = context.getRootCause()
                .filter(ApiException.class::isInstance)
                .map(cause -> ((ApiException) cause).code())
                .orElse(null);
        return new Problem("about:blank", title, status, detail.isEmpty() ? null : detail, code, fields);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
