package dev.porthole.plugins.containers.spi;

import java.util.List;
import java.util.Map;

/**
 * A container as the list shows it.
 *
 * @param id the short id: Docker's first 12 hex digits, a pod's name
 * @param fullId the runtime's full id
 * @param name the name, without Docker's leading slash
 * @param image the image with its tag
 * @param state one of {@link ContainerState}
 * @param status the runtime's human-readable status, e.g. {@code Up 2 hours}
 * @param created creation time, Unix seconds
 * @param ports published ports
 * @param labels the container's labels
 * @param namespace the namespace; empty for Docker
 */
public record ContainerInfo(
        String id,
        String fullId,
        String name,
        String image,
        ContainerState state,
        String status,
        long created,
        List<PortMapping> ports,
        Map<String, String> labels,
        String namespace) {
    public ContainerInfo {
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
    }
}
