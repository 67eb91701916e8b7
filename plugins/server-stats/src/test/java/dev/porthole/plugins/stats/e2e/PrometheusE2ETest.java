package dev.porthole.plugins.stats.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /metrics/prometheus} scraped with an API token and read by the Prometheus client's own parser. */
@WithPorthole
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class PrometheusE2ETest {
    static final Duration WAIT = Duration.ofSeconds(40);

    private final SshTestenv env = SshTestenv.require();
    private Porthole porthole;
    private StatsApi admin;

    @BeforeAll
    void start(Porthole porthole) {
        this.porthole = porthole;
        this.admin = new StatsApi(porthole, porthole.adminToken());
    }

    private String token(String name, List<String> scopes) {
        Reply reply = admin.post("/api/tokens", Map.of("name", name, "scopes", scopes));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return (String) reply.jsonObject().get("token");
    }

    private static Optional<PrometheusParser.Sample> sample(
            List<PrometheusParser.Sample> samples, String name, long host) {
        return samples.stream()
                .filter(s -> s.name().equals(name)
                        && Long.toString(host).equals(s.labels().get("host_id")))
                .findFirst();
    }

    @Test
    void a_scrape_with_a_read_stats_token_parses_and_matches_the_json_metrics() throws Exception {
        PrometheusParser.require();
        long host = admin.createHost(env.keyHost("key"));
        admin.registerViewer(host);
        Map<String, Object> json = admin.awaitMetrics(host, null, WAIT);
        admin.awaitStatus(host, WAIT);

        Reply scrape = porthole.get("/metrics/prometheus", token("prometheus", List.of("read:stats")));
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        List<PrometheusParser.Sample> samples = PrometheusParser.parse(scrape.body());

        assertThat(sample(samples, "porthole_host_up", host).orElseThrow().value())
                .isEqualTo(1.0);
        Map<String, Object> cpu = (Map<String, Object>) json.get("cpu");
        Map<String, Object> memory = (Map<String, Object>) json.get("memory");
        assertThat(sample(samples, "porthole_host_cpu_cores", host)
                        .orElseThrow()
                        .value())
                .isEqualTo(((Number) cpu.get("cores")).doubleValue());
        Optional<PrometheusParser.Sample> usage = sample(samples, "porthole_host_cpu_usage_ratio", host);
        assertThat(usage).isPresent();
        assertThat(usage.get().value()).isBetween(0.0, 1.0);
        assertThat(sample(samples, "porthole_host_memory_total_bytes", host)
                        .orElseThrow()
                        .value())
                .isCloseTo(((Number) memory.get("totalGiB")).doubleValue() * (1 << 30), within(6.0 * (1 << 20)));
        assertThat(samples)
                .filteredOn(s -> s.name().equals("porthole_host_filesystem_size_bytes"))
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("mountpoint", "/"));
        assertThat(samples)
                .filteredOn(s -> s.name().equals("porthole_host_network_receive_bytes_total"))
                .allSatisfy(s -> assertThat(s.type()).isEqualTo("counter"))
                .isNotEmpty();
        assertThat(samples)
                .filteredOn(s -> s.name().equals("porthole_stats_metrics_poll_duration_seconds"))
                .extracting(s -> s.labels().get("quantile"))
                .contains("0.5", "0.99");
        double polls = samples.stream()
                .filter(s -> s.name().equals("porthole_stats_metrics_polls_total"))
                .findFirst()
                .orElseThrow()
                .value();
        double execs = samples.stream()
                .filter(s -> s.name().equals("porthole_stats_metrics_execs_total"))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(execs).as("one exec per poll").isEqualTo(polls);
    }

    @Test
    void a_token_without_the_scope_is_refused_and_a_user_sees_only_their_hosts() throws Exception {
        assertThat(porthole.get("/metrics/prometheus", token("hosts-only", List.of("read:hosts")))
                        .status())
                .isEqualTo(403);
        assertThat(porthole.get("/metrics/prometheus").status()).as("anonymous").isEqualTo(401);

        long admins = admin.createHost(env.keyHost("key"));
        admin.awaitStatus(admins, WAIT);
        StatsApi carol = new StatsApi(porthole, porthole.createUser("carol-prom", "carol-password-1", "USER"));
        long carols = carol.createHost(env.keyHost("key"));
        carol.awaitStatus(carols, WAIT);
        PrometheusParser.require();
        List<PrometheusParser.Sample> samples =
                PrometheusParser.parse(carol.get("/metrics/prometheus").body());
        assertThat(sample(samples, "porthole_host_up", carols)).isPresent();
        assertThat(sample(samples, "porthole_host_up", admins)).isEmpty();
    }
}
