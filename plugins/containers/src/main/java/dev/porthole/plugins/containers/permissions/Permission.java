package dev.porthole.plugins.containers.permissions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a user may do in an environment, as Dockhand grants it per action. Pause needs {@link #STOP} and unpause
 * {@link #START}, as spec 003 says; stats and inspect need {@link #VIEW}. {@link #REVEAL} (secret environment values in
 * inspect) is never implied, not even for admins: it must be granted by name.
 */
public enum Permission {
    VIEW,
    START,
    STOP,
    RESTART,
    REMOVE,
    LOGS,
    REVEAL;

    /** {@return the permission as the API spells it: {@code view}, {@code start}, ...} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Permission> parse(String word) {
        return Arrays.stream(values()).filter(p -> p.word().equals(word)).findFirst();
    }

    /** {@return the words, for error messages: {@code view, start, ...}} */
    public static String words() {
        return Arrays.stream(values()).map(Permission::word).collect(Collectors.joining(", "));
    }
}
