package dev.porthole.platform.auth;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Scopes of API tokens: {@code action:resource}, e.g. {@code read:hosts}, {@code write:containers}. Which scope
 * grants which is plugin-api's rule ({@link dev.porthole.api.Caller#grants}), the one plugins read.
 */
public final class Scopes {
    public static final String ALL = "*";
    public static final String RULE = "scopes look like read:hosts, write:*, *:containers or *";
    private static final Pattern SCOPE = Pattern.compile("\\*|(read|write|\\*):([a-z][a-z0-9-]{0,63}|\\*)");

    private Scopes() {}

    public static boolean isValid(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }

    /** Whether any held scope grants the required one. */
    public static boolean grants(Collection<String> held, String required) {
        return held.stream().anyMatch(scope -> dev.porthole.api.Caller.grants(scope, required));
    }
}
