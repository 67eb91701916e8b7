package dev.porthole.plugins.stats.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The body as the host's JSON writer writes it (records by component, nulls kept), against notes §4.4. */
class HostMetricsJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode body =
            write(MetricsParser.parse(MetricsParserTest.canned("root-host.txt")).toJson());

    @Test
    void topLevelKeysInTermixOrder() {
        assertThat(names(body))
                .containsExactly(
                        "cpu",
                        "memory",
                        "disk",
                        "network",
                        "uptime",
                        "processes",
                        "system",
                        "login_stats",
                        "ports",
                        "firewall",
                        "temperature");
    }

    @Test
    void everyGroupHasItsKeysAndTypes() {
        JsonNode cpu = body.get("cpu");
        assertThat(names(cpu)).containsExactly("percent", "cores", "load");
        assertThat(cpu.get("percent").isInt()).isTrue();
        assertThat(cpu.get("load")).hasSize(3);

        JsonNode memory = body.get("memory");
        assertThat(names(memory)).containsExactly("percent", "usedGiB", "totalGiB");
        assertThat(memory.get("usedGiB").asText()).isEqualTo("4.12");

        JsonNode disk = body.get("disk");
        assertThat(names(disk))
                .containsExactly("percent", "usedHuman", "totalHuman", "availableHuman", "mount", "filesystems");
        JsonNode fs = disk.get("filesystems").get(0);
        assertThat(names(fs))
                .containsExactly(
                        "filesystem",
                        "type",
                        "mount",
                        "percent",
                        "usedHuman",
                        "totalHuman",
                        "availableHuman",
                        "usedBytes",
                        "totalBytes",
                        "availableBytes",
                        "label");
        assertThat(fs.get("usedHuman").isTextual()).isTrue();
        assertThat(fs.get("totalBytes").isIntegralNumber()).isTrue();

        JsonNode nic = body.get("network").get("interfaces").get(0);
        assertThat(names(nic)).containsExactly("name", "ip", "state", "rxBytes", "txBytes", "rxRateBps", "txRateBps");
        assertThat(nic.get("rxBytes").isTextual()).isTrue();
        assertThat(nic.get("rxRateBps").isIntegralNumber()).isTrue();

        assertThat(names(body.get("uptime"))).containsExactly("seconds", "formatted");
        assertThat(names(body.get("processes"))).containsExactly("total", "running", "top");
        JsonNode process = body.get("processes").get("top").get(0);
        assertThat(names(process)).containsExactly("pid", "user", "cpu", "mem", "command");
        assertThat(process.get("pid").isTextual()).isTrue();
        assertThat(process.get("cpu").isTextual()).isTrue();
        assertThat(names(body.get("system"))).containsExactly("hostname", "kernel", "os");

        JsonNode logins = body.get("login_stats");
        assertThat(names(logins)).containsExactly("recentLogins", "failedLogins", "totalLogins", "uniqueIPs");
        assertThat(names(logins.get("recentLogins").get(0))).containsExactly("user", "ip", "time", "status");

        JsonNode port = body.get("ports").get("ports").get(0);
        assertThat(names(port)).containsExactly("protocol", "localAddress", "localPort", "state", "pid", "process");
        assertThat(port.get("localPort").isInt()).isTrue();
        assertThat(port.get("pid").isInt()).isTrue();

        JsonNode firewall = body.get("firewall");
        assertThat(names(firewall)).containsExactly("type", "status", "chains");
        assertThat(names(firewall.get("chains").get(0))).containsExactly("name", "policy", "rules");
        JsonNode rule = firewall.get("chains").get(0).get("rules").get(0);
        // optional keys left out when unset, as Termix's JSON drops undefined
        assertThat(names(rule)).containsExactly("chain", "target", "protocol", "source", "destination", "interface");
        assertThat(rule.get("interface").asText()).isEqualTo("lo");

        JsonNode temperature = body.get("temperature");
        assertThat(names(temperature)).containsExactly("source", "highestCelsius", "sensors");
        assertThat(names(temperature.get("sensors").get(0))).containsExactly("label", "celsius");
    }

    @Test
    void notAvailableBodyIsTheSevenGroupsNullFilled() {
        JsonNode groups = write(HostMetrics.notAvailableJson());
        assertThat(names(groups)).containsExactly("cpu", "memory", "disk", "network", "uptime", "processes", "system");
        assertThat(groups).isEqualTo(readTree("""
                        {"cpu":{"percent":null,"cores":null,"load":null},
                         "memory":{"percent":null,"usedGiB":null,"totalGiB":null},
                         "disk":{"percent":null,"usedHuman":null,"totalHuman":null,"availableHuman":null,"mount":null,
                                 "filesystems":[]},
                         "network":{"interfaces":[]},
                         "uptime":{"seconds":null,"formatted":null},
                         "processes":{"total":null,"running":null,"top":[]},
                         "system":{"hostname":null,"kernel":null,"os":null}}
                        """));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode write(Object value) {
        return MAPPER.valueToTree(tree(value));
    }

    // what the host's JSON writer does with a plugin's value
    private static Object tree(Object value) {
        if (value instanceof Optional<?> optional) {
            return tree(optional.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> tree = new LinkedHashMap<>();
            map.forEach((k, v) -> tree.put(String.valueOf(k), tree(v)));
            return tree;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(HostMetricsJsonTest::tree).toList();
        }
        if (value != null && value.getClass().isRecord()) {
            Map<String, Object> tree = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    tree.put(c.getName(), tree(c.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return tree;
        }
        return value;
    }
}
