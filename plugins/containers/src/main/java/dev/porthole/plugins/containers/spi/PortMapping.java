package dev.porthole.plugins.containers.spi;

/**
 * A container port and where it is published.
 *
 * @param ip the host address it is published on; empty when it is not published
 * @param privatePort the container's port
 * @param publicPort the host's port; 0 when not published
 * @param type {@code tcp}, {@code udp} or {@code sctp}
 */
public record PortMapping(String ip, int privatePort, int publicPort, String type) {}
