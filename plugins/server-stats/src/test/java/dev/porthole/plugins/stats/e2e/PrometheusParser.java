package dev.porthole.plugins.stats.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus project's own parser of the text format, the one in its Python client
 * ({@code prometheus_client.parser}, Debian's python3-prometheus-client, installed by scripts/install-test-deps.sh): a
 * scrape that it refuses fails the test, and what it reads is what a Prometheus server would store.
 */
final class PrometheusParser {
    /** Debian's interpreter, which has the package; a pyenv or venv python3 first on the PATH may not. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    out.append({"family": family.name, "type": family.type, "name": s.name,
                                "labels": s.labels, "value": s.value})
            print(json.dumps(out))
            """;

    /** One sample as the parser read it. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {}

    private PrometheusParser() {}

    static void require() throws IOException, InterruptedException {
        Process check = new ProcessBuilder(PYTHON, "-c", "import prometheus_client.parser").start();
        if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) {
            return;
        }
        String reason = PYTHON + " has no prometheus_client (apt-get install python3-prometheus-client)";
        if ("1".equals(System.getenv("PORTHOLE_REQUIRE_E2E"))) {
            Assertions.fail("PORTHOLE_REQUIRE_E2E=1 but " + reason);
        }
        Assumptions.abort("skipped: " + reason);
    }

    @SuppressWarnings("unchecked")
    static List<Sample> parse(String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "-c", SCRIPT).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("the Prometheus parser refused the scrape: " + err);
        }
        List<Map<String, Object>> samples = new ObjectMapper().readValue(out, List.class);
        return samples.stream()
                .map(s -> new Sample(
                        (String) s.get("family"),
                        (String) s.get("type"),
                        (String) s.get("name"),
                        (Map<String, String>) s.get("labels"),
                        ((Number) s.get("value")).doubleValue()))
                .toList();
    }
}
