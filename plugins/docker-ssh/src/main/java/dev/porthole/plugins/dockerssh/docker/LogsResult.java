package dev.porthole.plugins.dockerssh.docker;

/**
 * A container's log, stdout and stderr in the order the container wrote them.
 *
 * @param success always true; the spec's success body
 * @param logs the log text (UTF-8; an invalid sequence becomes U+FFFD)
 * @param truncated whether the log was longer than the byte cap and was cut there
 */
public record LogsResult(boolean success, String logs, boolean truncated) {}
