package dev.porthole.plugins.dockerruntime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.PortMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Engine API's container list ({@code GET /containers/json?all=1}) as {@link ContainerInfo}s: everything the list
 * shows is in that one document, so a list is one request however many containers there are, as for {@code docker
 * ps}.
 */
final class ContainerSummaries {
    private ContainerSummaries() {}

    static List<ContainerInfo> of(JsonNode list) {
        List<ContainerInfo> containers = new ArrayList<>(list.size());
        for (JsonNode container : list) {
            containers.add(info(container));
        }
        return containers;
    }

    private static ContainerInfo info(JsonNode c) {
        String fullId = c.path("Id").asText("");
        return new ContainerInfo(
                ContainerRefs.shortId(fullId),
                fullId,
                name(c.path("Names")),
                c.path("Image").asText(""),
                ContainerStates.of(c.path("State").asText("")),
                c.path("Status").asText(""),
                c.path("Created").asLong(0),
                ports(c.path("Ports")),
                labels(c.path("Labels")),
                "");
    }

    /**
     * The container's own name. A container linked to by others also lists the link names, {@code /other/alias};
     * {@code docker ps} shows the one without a second slash, and so do we.
     */
    private static String name(JsonNode names) {
        String first = null;
        for (JsonNode node : names) {
            String name = node.asText("");
            String bare = name.startsWith("/") ? name.substring(1) : name;
            if (bare.indexOf('/') < 0) {
                return bare;
            }
            if (first == null) {
                first = bare;
            }
        }
        return first == null ? "" : first;
    }

    /** A port that is not published has no {@code IP} and no {@code PublicPort}: "" and 0. */
    private static List<PortMapping> ports(JsonNode ports) {
        List<PortMapping> mappings = new ArrayList<>(ports.size());
        for (JsonNode port : ports) {
            mappings.add(new PortMapping(
                    port.path("IP").asText(""),
                    port.path("PrivatePort").asInt(0),
                    port.path("PublicPort").asInt(0),
                    port.path("Type").asText("")));
        }
        return mappings;
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText("")));
        return map;
    }
}
