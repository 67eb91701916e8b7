package dev.porthole.platform.routes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One route as listed: {@code kind} is {@code HTTP}, {@code SSE} or {@code WEBSOCKET}; {@code source} is
 * {@code platform} or the id of the plugin that registered it.
 *
 * @param access {@code anonymous}, {@code authenticated} or {@code roles}
 * @param roles the roles admitted when {@code access} is {@code roles} (left out otherwise)
 * @param scope the scope an API token needs, when the route names one
 */
@Serdeable
public record RouteView(
        String method,
        String path,
        String kind,
        String source,
        String access,
        List<String> roles,
        @Nullable String scope) {
    public static final String PLATFORM = "platform";
}
