package dev.porthole.plugins.dockerssh.docker;

/** Boolean request values as the spec writes them: {@code true} or {@code false}; anything else is a 400 naming it. */
public final class Flags {
    private Flags() {}

    /** {@code absent} when the value is missing or blank. */
    public static boolean parse(String field, String value, boolean absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DockerErrors.badField(field, "must be true or false");
        };
    }
}
