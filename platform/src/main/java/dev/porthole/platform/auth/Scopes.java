package dev.porthole.platform.auth;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Scopes of API tokens: {@code action:resource}, e.g. {@code read:hosts}, {@code write:containers}. Either part may
 * be {@code *} ({@code write:*}, {@code *:hosts}), and {@code *} alone grants everything. {@code write:x} also grants
 * {@code read:x}: whoever may change a thing may see it.
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
        return held.stream().anyMatch(scope -> grants(scope, required));
    }

    static boolean grants(String held, String required) {
        if (held.equals(ALL)) {
            return true;
        }
        if (required.equals(ALL)) {
            return false;
        }
        int heldColon = held.indexOf(':');
        int requiredColon = required.indexOf(':');
        String heldAction = held.substring(0, heldColon);
        String heldResource = held.substring(heldColon + 1);
        String requiredAction = required.substring(0, requiredColon);
        String requiredResource = required.substring(requiredColon + 1);
        boolean actionOk = heldAction.equals("*")
                || heldAction.equals(requiredAction)
                || (heldAction.equals("write") && requiredAction.equals("read"));
        boolean resourceOk = heldResource.equals("*") || heldResource.equals(requiredResource);
        return actionOk && resourceOk;
    }
}
