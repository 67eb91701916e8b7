package dev.porthole.platform.auth;

import io.micronaut.http.HttpRequest;
import java.util.Collection;
import java.util.Optional;

/**
 * Why a signed-in caller was refused with 403, in words the client gets as the problem's detail: the security rules
 * that refuse a request record it here, and {@link ExplainingAuthorizationHandler} answers with it. The scope or role
 * is named, so that whoever made the token knows what to add.
 */
public final class Refusals {
    private static final String ATTRIBUTE = "porthole.refusal";

    private Refusals() {}

    /** Records why the request is refused. */
    public static void explain(HttpRequest<?> request, String detail) {
        request.setAttribute(ATTRIBUTE, detail);
    }

    static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    /** {@code this needs the scope write:hosts; the API token holds read:hosts}. */
    public static String missingScope(Caller caller, String scope) {
        return "this needs the scope " + scope + "; the API token holds " + String.join(", ", caller.scopes());
    }

    /** {@code this needs the role ADMIN}, or {@code one of the roles ADMIN, USER}. */
    public static String missingRole(Collection<String> roles) {
        return roles.size() == 1
                ? "this needs the role " + roles.iterator().next()
                : "this needs one of the roles "
                        + String.join(", ", roles.stream().sorted().toList());
    }
}
