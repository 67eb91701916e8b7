package dev.porthole.plugins.dockerssh.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of the container list, with spec 000's fields as {@code docker ps} shows them.
 *
 * @param id the short (12 character) id
 * @param name the first name, without Docker's leading slash
 * @param image the image as the container was created from it
 * @param status human-readable, e.g. "Up 3 hours"
 * @param state machine-readable: created, running, paused, restarting, removing, exited, dead
 * @param ports published and exposed ports as {@code docker ps} writes them, e.g. "0.0.0.0:8080->80/tcp, 443/tcp"
 * @param created creation time, ISO-8601 in UTC
 */
public record ContainerSummary(
        String id, String name, String image, String status, String state, String ports, String created) {
    private static final int SHORT_ID = 12;

    static ContainerSummary of(Container c) {
        String id = c.getId() == null
                ? ""
                : c.getId().substring(0, Math.min(SHORT_ID, c.getId().length()));
        String name = c.getNames() == null || c.getNames().length == 0 ? "" : stripSlash(c.getNames()[0]);
        String created = c.getCreated() == null
                ? ""
                : Instant.ofEpochSecond(c.getCreated()).toString();
        return new ContainerSummary(
                id, name, nonNull(c.getImage()), nonNull(c.getStatus()), nonNull(c.getState()), ports(c), created);
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** As docker ps: "ip:public->private/type" for published ports, "private/type" for exposed ones. */
    private static String ports(Container c) {
        if (c.getPorts() == null) {
            return "";
        }
        return Arrays.stream(c.getPorts())
                .sorted(Comparator.comparing((ContainerPort p) -> Objects.requireNonNullElse(p.getPrivatePort(), 0))
                        .thenComparing(p -> nonNull(p.getType()))
                        .thenComparing(p -> nonNull(p.getIp())))
                .map(ContainerSummary::port)
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String port(ContainerPort p) {
        String target = p.getPrivatePort() + "/" + nonNull(p.getType());
        if (p.getPublicPort() == null) {
            return target;
        }
        String ip = nonNull(p.getIp());
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return host + ":" + p.getPublicPort() + "->" + target;
    }
}
