package dev.porthole.plugins.dockerssh.docker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The answer of the availability check: Docker usable with its version, or not, with why.
 *
 * @param available whether the daemon answered
 * @param version the daemon's version, when available
 * @param error what went wrong, when not available
 * @param code NOT_INSTALLED, DAEMON_NOT_RUNNING or PERMISSION_DENIED, when not available
 */
public record Availability(boolean available, String version, String error, String code) {
    public static final String NOT_INSTALLED = "NOT_INSTALLED";
    public static final String DAEMON_NOT_RUNNING = "DAEMON_NOT_RUNNING";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    /** The shell's status for a command it cannot find; OpenSSH passes the remote command to the user's shell. */
    private static final int COMMAND_NOT_FOUND = 127;

    static Availability of(String version) {
        return new Availability(true, version, null, null);
    }

    /**
     * Classifies a {@code docker system dial-stdio} that failed, by its exit status and stderr. A client that cannot
     * reach the daemon for any other reason (socket missing or refused, daemon hung) counts as the daemon not
     * running: spec 000 has exactly these three codes.
     */
    static Availability failed(int exitStatus, String stderr) {
        String detail = stderr == null ? "" : stderr.strip();
        String lower = detail.toLowerCase(Locale.ROOT);
        // "bash: docker: command not found", "sh: 1: docker: not found"; a dial error says "dial unix ...".
        if (exitStatus == COMMAND_NOT_FOUND || lower.contains("not found") && !lower.contains("dial ")) {
            return new Availability(false, null, "Docker is not installed on this host.", NOT_INSTALLED);
        }
        if (lower.contains("permission denied")) {
            return new Availability(
                    false, null, "Permission denied accessing Docker" + suffix(detail), PERMISSION_DENIED);
        }
        return notAnswering(detail);
    }

    /**
     * The command runs (so Docker is installed) or the daemon answered with an error, but it did not give its version:
     * for the spec, the daemon is not running or not accessible.
     */
    static Availability notAnswering(String detail) {
        return new Availability(
                false,
                null,
                "Docker daemon is not running or accessible" + suffix(detail == null ? "" : detail.strip()),
                DAEMON_NOT_RUNNING);
    }

    private static String suffix(String detail) {
        return detail.isEmpty() ? "" : ": " + detail;
    }

    /** The spec's body: {@code version} only when available, {@code error} and {@code code} only when not. */
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("available", available);
        if (available) {
            body.put("version", version);
        } else {
            body.put("error", error);
            body.put("code", code);
        }
        return body;
    }
}
