package dev.porthole.plugins.containers.spi;

import java.util.Optional;

/**
 * Which log lines to stream.
 *
 * @param tail how many lines from the end to start with
 * @param follow whether to go on with new lines until the container stops
 * @param timestamps whether each line starts with the runtime's RFC 3339 timestamp
 * @param namespace the container's namespace, for runtimes that have them
 */
public record LogRequest(int tail, boolean follow, boolean timestamps, Optional<String> namespace) {}
