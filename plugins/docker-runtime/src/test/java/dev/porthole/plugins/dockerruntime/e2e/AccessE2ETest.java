package dev.porthole.plugins.dockerruntime.e2e;

import static dev.porthole.plugins.dockerruntime.e2e.Fixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.DockerTestenv;
import dev.porthole.test.Porthole;
import dev.porthole.test.Reply;
import dev.porthole.test.WithPorthole;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rate limit (here 3 at once and 1 a minute, so the server's clock cannot refill a bucket during the test), the
 * admin's local-network setting, and {@code X-Forwarded-For}: believed only from a trusted proxy.
 */
@WithPorthole(
        requiredPlugins = "../containers/target/classes",
        properties = {
            "porthole.plugin-settings.containers.rate-limit-burst=3",
            "porthole.plugin-settings.containers.rate-limit-per-minute=1"
        })
@ExtendWith(DockerTestenv.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessE2ETest {
    private Porthole porthole;
    private Fixture fixture;

    @BeforeAll
    void setUp(Porthole porthole) throws Exception {
        this.porthole = porthole;
        fixture = new Fixture(porthole);
        fixture.localEnvironment("access-" + fixture.run);
    }

    /** An anonymous list, as a client behind {@code forwardedFor} would send it through a proxy. */
    private int anonymousList(String... forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(porthole.uri("/api/v1/containers"));
        for (String line : forwardedFor) {
            request.header("X-Forwarded-For", line); // one header line each
        }
        return porthole.httpClient()
                .send(request.GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private void settings(Map<String, Object> body) throws Exception {
        Reply saved = porthole.put("/api/container-settings", JSON.writeValueAsString(body), porthole.adminToken());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    }

    @Test
    void eachUserHasABurstOfThreeAndThenARetryAfter() {
        Fixture.User alice = fixture.user("alice");
        Fixture.User bob = fixture.user("bob");
        for (int i = 0; i < 3; i++) {
            assertThat(porthole.get("/api/v1/containers", alice.token()).status())
                    .isEqualTo(200);
        }
        Reply limited = porthole.get("/api/v1/containers", alice.token());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.jsonObject()).containsEntry("code", "RATE_LIMITED");
        assertThat(limited.header("Retry-After")).contains("60");
        assertThat(porthole.post("/api/containers/x/start?env=1", "", alice.token())
                        .status())
                .as("spec 003's routes share the pool")
                .isEqualTo(429);
        assertThat(porthole.get("/api/v1/containers", bob.token()).status())
                .as("another user has a bucket of their own")
                .isEqualTo(200);
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        settings(Map.of(
                "localNetworkAccess", true, "localNetworks", List.of("10.0.0.0/8"), "trustedProxies", List.of()));
        assertThat(anonymousList("10.1.2.3"))
                .as("the TCP peer is 127.0.0.1, outside 10/8; the header is a client's claim")
                .isEqualTo(401);
        assertThat(anonymousList("10.1.2.4")).isEqualTo(401);
        assertThat(anonymousList("10.1.2.5")).isEqualTo(401);
        assertThat(anonymousList("10.1.2.6"))
                .as("a new X-Forwarded-For is no new client: the peer's bucket is empty")
                .isEqualTo(429);

        settings(Map.of("trustedProxies", List.of("127.0.0.1/32", "::1/128")));
        assertThat(anonymousList("10.1.2.3"))
                .as("believed from a trusted proxy: a local client")
                .isEqualTo(200);
        assertThat(anonymousList("192.0.2.1, 10.7.7.7"))
                .as("the rightmost untrusted address is the client")
                .isEqualTo(200);
        assertThat(anonymousList("10.7.7.7, 192.0.2.1"))
                .as("a spoofed local address left of a real one counts for nothing")
                .isEqualTo(401);
        assertThat(anonymousList("10.7.7.7", "192.0.2.1"))
                .as("nor in a line of its own, before the line a proxy added")
                .isEqualTo(401);

        settings(Map.of("localNetworkAccess", false));
        assertThat(anonymousList("10.1.2.8")).isEqualTo(401);
    }

    @Test
    void badSettingsAreRefusedNamingTheRange() throws Exception {
        Reply refused = porthole.put(
                "/api/container-settings",
                JSON.writeValueAsString(Map.of("trustedProxies", List.of("10.0.0.0/8", "10.0.0.0/33"))),
                porthole.adminToken());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.jsonObject()).containsEntry("field", "trustedProxies[1]");
        Fixture.User user = fixture.user("user");
        assertThat(porthole.get("/api/container-settings", user.token()).status())
                .isEqualTo(403);
    }
}
