package dev.porthole.plugins.dockerssh.docker;

import java.util.regex.Pattern;

/**
 * A container id or name as spec 000 allows it: letters, digits, dots, hyphens and underscores, not starting with a
 * punctuation mark. Checked before anything reaches the host, so no value can be read as a path or an option there.
 *
 * @param value the id (full or a unique prefix) or the name
 */
public record ContainerRef(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** Docker names and ids are far shorter; the bound keeps absurd input out of error messages and logs. */
    private static final int MAX_LENGTH = 255;
    /** The request field a bad value is reported against. */
    private static final String FIELD = "containerId";

    public ContainerRef {
        check(value);
    }

    private static void check(String value) {
        if (value == null || value.isEmpty()) {
            throw DockerErrors.badField(FIELD, "is required");
        }
        if (value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()) {
            throw DockerErrors.badField(
                    FIELD,
                    "only letters, digits, '.', '-' and '_' are allowed, starting with a letter or digit, at most "
                            + MAX_LENGTH + " characters");
        }
    }
}
