package dev.porthole.platform.system;

import dev.porthole.platform.errors.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import java.util.List;

/**
 * Holds request bodies to 1 MB. The server itself accepts up to 64 MB so that plugin archives can be uploaded to
 * {@code POST /api/plugins}; every other route gets a 413 before its body is read.
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
final class RequestSizeLimit {
    static final long LIMIT = 1024 * 1024;

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length <= LIMIT || isPluginUpload(request)) {
            return null;
        }
        return Problem.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than 1 MB", List.of());
    }

    private static boolean isPluginUpload(HttpRequest<?> request) {
        return request.getMethod() == io.micronaut.http.HttpMethod.POST
                && request.getPath().equals("/api/plugins");
    }
}
