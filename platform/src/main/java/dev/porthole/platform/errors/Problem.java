package dev.porthole.platform.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem ({@code application/problem+json}). {@code code}, an extension member, tells a script which of
 * a route's documented failures this is; {@code errors} names each offending field of a request.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String code,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A response carrying this kind of problem, for code that answers without throwing (filters, async handlers). */
    public static io.micronaut.http.MutableHttpResponse<Problem> response(
            io.micronaut.http.HttpStatus status, @Nullable String detail, List<FieldError> errors) {
        return io.micronaut.http.HttpResponse.status(status)
                .contentType(MEDIA_TYPE)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), detail, null, errors));
    }

    /** One field of a request and what is wrong with it; {@code field} is a JSON path such as {@code proxies[0].port}. */
    @Serdeable
    public record FieldError(String field, String message) {}
}
