package dev.porthole.plugins.stats.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Removed after real use (status checks, a viewer's metrics polls, a Prometheus scrape through the bundled client
 * library, the inventory's change events), the plugin leaves nothing that keeps its class loader alive.
 */
@WithPorthole
class UnloadE2ETest {

    @Test
    void the_plugin_is_collected_after_it_polled_and_was_scraped(Porthole porthole) throws Exception {
        SshTestenv env = SshTestenv.require();
        StatsApi api = new StatsApi(porthole, porthole.adminToken());
        long host = api.createHost(env.keyHost("key"));
        api.registerViewer(host);
        api.awaitMetrics(host, null, Duration.ofSeconds(40));
        api.awaitStatus(host, Duration.ofSeconds(40));
        assertThat(api.get("/metrics/prometheus").body()).contains("porthole_host_up");

        porthole.uninstallAndAwaitUnload(Duration.ofSeconds(30));
    }
}
