package dev.porthole.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real plugin follows the inventory through {@code Hosts.onChange}: changes made through the HTTP API reach it on its
 * own threads, and none reaches it while it is stopped. The plugin stores what it received, so that the test reads it
 * back through the plugin's route, also after a restart of the plugin.
 */
@MicronautTest(transactional = false)
class HostChangesPluginTest extends PlatformTestBase {
    private static final String PLUGIN = "watcher";

    private final Path builds;

    HostChangesPluginTest() throws IOException {
        super(TestDatabase.H2);
        builds = Files.createTempDirectory("porthole-test-plugins");
    }

    @BeforeEach
    void installWatcher() throws IOException {
        Path jar = TestPlugins.hostWatcher(PLUGIN).buildJar(builds);
        Reply installed = api().upload("/api/plugins", "file", "watcher.jar", Files.readAllBytes(jar), admin());
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    }

    @AfterEach
    void removeWatcher() {
        api().delete("/api/plugins/" + PLUGIN, admin());
    }

    @Test
    void each_change_through_the_api_reaches_the_listener_after_commit_on_the_plugins_own_thread() {
        TestUser owner = newUser("USER");
        TestUser guest = newUser("USER");

        long id = createHost(owner, "web");
        awaitChanges(Set.of(id), 1);
        assertThat(api().put("/api/hosts/" + id, host("web-2"), owner.auth()).status())
                .isEqualTo(200);
        awaitChanges(Set.of(id), 2);
        assertThat(api().post(
                                "/api/hosts/" + id + "/shares",
                                Map.of("username", guest.username(), "level", "view"),
                                owner.auth())
                        .status())
                .isEqualTo(201);
        awaitChanges(Set.of(id), 3);
        assertThat(api().delete("/api/hosts/" + id + "/shares/" + guest.id(), owner.auth())
                        .status())
                .isEqualTo(204);
        awaitChanges(Set.of(id), 4);
        assertThat(api().delete("/api/hosts/" + id, owner.auth()).status()).isEqualTo(204);
        List<Map<String, Object>> changes = awaitChanges(Set.of(id), 5);

        assertThat(changes)
                .as("in commit order, each found by a lookup from the listener until it is deleted")
                .extracting(c -> c.get("kind"), c -> c.get("found"))
                .containsExactly(
                        tuple("CREATED", true),
                        tuple("UPDATED", true),
                        tuple("SHARED", true),
                        tuple("SHARED", true),
                        tuple("DELETED", false));
        assertThat(changes).allSatisfy(change -> {
            assertThat((String) change.get("thread")).startsWith("plugin-" + PLUGIN + "-");
            assertThat(change.get("ownLoader"))
                    .as("the plugin's loader is the context class loader")
                    .isEqualTo(true);
        });
    }

    @Test
    void no_change_reaches_a_stopped_plugin() {
        TestUser owner = newUser("USER");
        long before = createHost(owner, "before");
        awaitChanges(Set.of(before), 1);

        assertThat(api().post("/api/plugins/" + PLUGIN + "/disable", Map.of(), admin())
                        .status())
                .isEqualTo(200);
        assertThat(api().put("/api/hosts/" + before, host("changed-while-stopped"), owner.auth())
                        .status())
                .isEqualTo(200);
        long during = createHost(owner, "created-while-stopped");
        assertThat(api().post("/api/plugins/" + PLUGIN + "/enable", Map.of(), admin())
                        .status())
                .isEqualTo(200);
        long after = createHost(owner, "after");

        assertThat(awaitChanges(Set.of(before, during, after), 2))
                .extracting(c -> ((Number) c.get("hostId")).longValue(), c -> c.get("kind"))
                .containsExactly(tuple(before, "CREATED"), tuple(after, "CREATED"));
    }

    @Test
    void a_listener_that_throws_keeps_receiving() {
        TestUser owner = newUser("USER");
        long id = createHost(owner, "boom-1");
        awaitChanges(Set.of(id), 1);

        assertThat(api().put("/api/hosts/" + id, host("boom-2"), owner.auth()).status())
                .isEqualTo(200);

        assertThat(awaitChanges(Set.of(id), 2)).extracting(c -> c.get("kind")).containsExactly("CREATED", "UPDATED");
    }

    /** The plugin's stored changes of these hosts, once there are {@code count} of them (at most 10 s). */
    private List<Map<String, Object>> awaitChanges(Set<Long> hostIds, int count) {
        List<Map<String, Object>> changes = List.of();
        for (int i = 0; i < 500; i++) {
            changes = api().get("/" + PLUGIN + "/changes", Auth.NONE).list().stream()
                    .filter(c -> hostIds.contains(((Number) c.get("hostId")).longValue()))
                    .toList();
            if (changes.size() >= count) {
                return changes;
            }
            sleep();
        }
        throw new AssertionError("the plugin stored " + changes + ", not " + count + " changes");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long createHost(TestUser owner, String name) {
        Reply created = api().post("/api/hosts", host(name), owner.auth());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private static Map<String, Object> host(String name) {
        Map<String, Object> host = new HashMap<>();
        host.put("name", name);
        host.put("address", "192.0.2.10");
        host.put("username", "deploy");
        host.put("authType", "none");
        return host;
    }
}
