package dev.porthole.plugins.containers.routes;

import dev.porthole.plugins.containers.environments.Environment;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.ContainerStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** Spec 004's bodies of a container and of its stats, field for field; {@code env} is Porthole's addition. */
final class Views {
    private Views() {}

    static Map<String, Object> container(ContainerInfo c, Environment environment, String runtime) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("name", c.name());
        body.put("image", c.image());
        body.put("state", c.state().word());
        body.put("status", c.status());
        body.put("created", c.created());
        body.put(
                "ports",
                c.ports().stream()
                        .map(p -> {
                            Map<String, Object> port = new LinkedHashMap<>();
                            port.put("ip", p.ip());
                            port.put("privatePort", p.privatePort());
                            port.put("publicPort", p.publicPort());
                            port.put("type", p.type());
                            return port;
                        })
                        .toList());
        body.put("labels", c.labels());
        body.put("runtime", runtime);
        body.put("namespace", c.namespace());
        body.put("env", Long.toString(environment.id()));
        return body;
    }

    static Map<String, Object> stats(String containerId, ContainerStats s) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("usage", round(s.cpuPercent()));
        cpu.put("coresUsed", round(s.coresUsed()));
        cpu.put("totalCores", s.totalCores());
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("usage", s.memoryLimit() > 0 ? round(100.0 * s.memoryUsed() / s.memoryLimit()) : 0.0);
        memory.put("used", s.memoryUsed());
        memory.put("limit", s.memoryLimit());
        memory.put("available", Math.max(0, s.memoryLimit() - s.memoryUsed()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("containerId", containerId);
        body.put("cpu", cpu);
        body.put("memory", memory);
        body.put("network", Map.of("rx", s.rxBytes(), "tx", s.txBytes()));
        body.put("timestamp", s.timestamp());
        return body;
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
