package dev.porthole.plugins.containers.environments;

/**
 * Whether an environment's runtime answered when last asked.
 *
 * @param state {@code up}, {@code down}, or {@code unknown} before the first check
 * @param reason why it is down; null when up
 * @param version the runtime's version when up
 * @param checkedAt epoch milliseconds of the check; 0 before the first
 */
public record Health(String state, String reason, String version, long checkedAt) {
    public static final Health UNKNOWN = new Health("unknown", null, null, 0);

    public static Health up(String version, long at) {
        return new Health("up", null, version, at);
    }

    public static Health down(String reason, long at) {
        return new Health("down", reason, null, at);
    }
}
