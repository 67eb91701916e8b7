package dev.porthole.plugins.containers.spi;

/**
 * Something that happened to a container in the runtime.
 *
 * @param containerId the container's short id
 * @param name the container's name
 * @param action the runtime's word for it: {@code start}, {@code stop}, {@code die}, {@code pause}, {@code destroy}, ...
 * @param time when, Unix seconds
 */
public record ContainerEvent(String containerId, String name, String action, long time) {}
