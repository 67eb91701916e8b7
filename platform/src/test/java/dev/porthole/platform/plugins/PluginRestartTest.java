package dev.porthole.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.support.TestFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins directory across restarts of a real server on the same data directory and database: built-in plugins
 * are installed on the first start only, and what an admin enabled, disabled or removed stays so.
 */
class PluginRestartTest {
    private final Map<String, String> database = TestDatabase.H2.freshDatabase();

    @TempDir
    Path builds;

    @TempDir
    Path dataDir;

    @Test
    void builtins_are_installed_on_first_start_and_enabled_state_and_removals_survive_restarts() throws Exception {
        Path builtins = Files.createDirectories(builds.resolve("builtin"));
        TestPlugins.full("greeter").buildJar(builtins);
        TestPlugins.withLibrary("loud").buildZip(builtins);

        try (Server first = start(builtins)) {
            assertThat(first.states())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("greeter", "STARTED", "loud", "STARTED"));
            assertThat(first.api.get("/loud/hello", Auth.NONE).body()).isEqualTo("HELLO!");
            assertThat(first.api
                            .post("/api/plugins/greeter/disable", Map.of(), first.admin())
                            .status())
                    .isEqualTo(200);
        }

        try (Server second = start(builtins)) {
            assertThat(second.states())
                    .as("a disabled plugin stays disabled")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("greeter", "DISABLED", "loud", "STARTED"));
            assertThat(second.api.get("/greeter/hello/ann", Auth.NONE).status()).isEqualTo(404);
            assertThat(second.api.delete("/api/plugins/loud", second.admin()).status())
                    .isEqualTo(204);
            assertThat(second.api
                            .post("/api/plugins/greeter/enable", Map.of(), second.admin())
                            .status())
                    .isEqualTo(200);
        }

        try (Server third = start(builtins)) {
            assertThat(third.states())
                    .as("a removed built-in is not installed again; an enabled one starts")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("greeter", "STARTED"));
            assertThat(third.api.get("/greeter/hello/ann", Auth.NONE).map()).containsEntry("hello", "ann");
        }
    }

    /** A server stopped mid-upgrade keeps one version: the one in place, or else the one the upgrade set aside. */
    @Test
    void an_upgrade_interrupted_by_a_crash_leaves_one_version_installed() throws Exception {
        Path builtins = Files.createDirectories(builds.resolve("builtin"));
        TestPlugins.full("greeter").buildJar(builtins);
        TestPlugins.claiming("other", "/other/x").buildJar(builtins);
        try (Server first = start(builtins)) {
            assertThat(first.states()).containsOnlyKeys("greeter", "other");
        }
        Path plugins = dataDir.resolve("plugins");
        Path previous = Files.createDirectories(plugins.resolve(".previous"));
        // greeter: moved aside, its successor not yet in place; other: its successor in place, the old copy left
        Files.move(plugins.resolve("greeter.jar"), previous.resolve("greeter.jar"));
        Files.copy(plugins.resolve("other.jar"), previous.resolve("other.jar"));

        try (Server second = start(builtins)) {
            assertThat(second.states())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("greeter", "STARTED", "other", "STARTED"));
            assertThat(second.api.get("/greeter/hello/ann", Auth.NONE).map()).containsEntry("hello", "ann");
        }
        assertThat(plugins.resolve(".previous")).doesNotExist();
    }

    /** A dependent's id that sorts before its dependency's, so that only the dependency order starts it second. */
    @Test
    void dependencies_start_before_their_dependents_and_stop_after_them() throws Exception {
        Path builtins = Files.createDirectories(builds.resolve("builtin"));
        TestPluginJar hub = TestPlugins.hub("hub", 1);
        hub.buildJar(builtins);
        TestPlugins.spoke("axle", "hub").compiledAgainst(hub, builtins).buildJar(builtins);
        List<String> greetings =
                List.of("axle 1.0.0, which saw 1 spoke(s) at its start, greets ann", "own spoke #1 greets ann");

        for (int run = 1; run <= 2; run++) {
            System.clearProperty(TestPlugins.STOP_SAW + "axle");
            try (Server server = start(builtins)) {
                assertThat(server.states())
                        .as("start %d", run)
                        .containsExactlyInAnyOrderEntriesOf(Map.of("hub", "STARTED", "axle", "STARTED"));
                assertThat(server.api.get("/hub/spokes", Auth.NONE).map()).containsEntry("greetings", greetings);
            }
            assertThat(System.getProperty(TestPlugins.STOP_SAW + "axle"))
                    .as("the dependent stopped while the hub still ran, on shutdown %d", run)
                    .isEqualTo("1");
        }
    }

    /** The README's first start: the default data directory is relative ({@code ./data}), as here. */
    @Test
    void a_relative_data_directory_installs_the_builtins_on_first_start() throws Exception {
        Path builtins = Files.createDirectories(builds.resolve("builtin"));
        TestPlugins.withLibrary("loud").buildZip(builtins);
        TestPlugins.full("greeter").buildJar(builtins);
        Path relative = Path.of(".", "target", "relative-data-" + java.util.UUID.randomUUID());
        try (Server server = start(builtins, relative)) {
            assertThat(server.states())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("greeter", "STARTED", "loud", "STARTED"));
            assertThat(server.api.get("/loud/hello", Auth.NONE).body()).isEqualTo("HELLO!");
            assertThat(relative.resolve("plugins").resolve("loud")).isDirectory();
        } finally {
            TestFiles.deleteRecursively(relative);
        }
    }

    private Server start(Path builtins) {
        return start(builtins, dataDir);
    }

    private Server start(Path builtins, Path dataDir) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("porthole.data-dir", dataDir.toString());
        properties.put("porthole.plugins.builtin-dir", builtins.toString());
        properties.put("porthole.admin-password", PlatformTestBase.ADMIN_PASSWORD);
        properties.put("micronaut.server.port", "-1");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        return new Server(
                server,
                new ApiClient(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class)));
    }

    private record Server(EmbeddedServer server, ApiClient api) implements AutoCloseable {
        Auth admin() {
            String token = (String) api.post(
                            "/api/auth/login",
                            Map.of("username", "admin", "password", PlatformTestBase.ADMIN_PASSWORD),
                            Auth.NONE)
                    .field("access_token");
            return Auth.bearer(token);
        }

        Map<String, Object> states() {
            List<Map<String, Object>> plugins = api.get("/api/plugins", admin()).list();
            return plugins.stream().collect(Collectors.toMap(p -> (String) p.get("id"), p -> p.get("state")));
        }

        @Override
        public void close() {
            server.getApplicationContext().close();
        }
    }
}
