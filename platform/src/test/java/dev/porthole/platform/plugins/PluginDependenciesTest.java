package dev.porthole.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.Collected;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginManager;

/**
 * A plugin that publishes a service interface ({@link TestPlugins#hub}) and one that depends on it and implements it
 * ({@link TestPlugins#spoke}), built as real archives and installed through the admin API. The dependent's id sorts
 * before the hub's, so that lookups in plugin-id order differ from the install order.
 */
@MicronautTest(transactional = false)
class PluginDependenciesTest extends PlatformTestBase {
    private static final String OWN = "own spoke #1 greets ann";
    private static final String AXLE = "axle 1.0.0, which saw 1 spoke(s) at its start, greets ann";

    private final Path builds;

    @Inject
    PluginManager pf4j;

    PluginDependenciesTest() throws IOException {
        super(TestDatabase.H2);
        builds = Files.createTempDirectory("porthole-test-plugins");
    }

    @AfterEach
    void removeAll() {
        for (String id : List.of("axle", "hub")) {
            api().delete("/api/plugins/" + id, admin());
        }
    }

    @Test
    void the_hub_finds_the_dependents_extension_which_is_its_started_plugin_instance_in_plugin_id_order() {
        assertThat(installPlugin(hub(1)).status()).isEqualTo(201);

        Reply installed = installPlugin(axle("hub"));

        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        assertThat(installed.map()).containsEntry("state", "STARTED");
        Map<String, Object> spokes = spokes();
        assertThat(spokes.get("greetings"))
                .as("the dependent's plugin instance, as its start left it, then the hub's own extension")
                .isEqualTo(List.of(AXLE, OWN));
        assertThat(spokes()).as("one instance of the hub's own class per start").isEqualTo(spokes);
    }

    @Test
    void removing_the_dependent_ends_its_lookup_and_frees_its_loader_and_reinstalling_needs_no_restart_of_the_hub()
            throws Exception {
        installPlugin(hub(1));
        installPlugin(axle("hub"));
        assertThat(spokes().get("greetings")).isEqualTo(List.of(AXLE, OWN));
        WeakReference<ClassLoader> loader =
                new WeakReference<>(pf4j.getPlugin("axle").getPluginClassLoader());

        assertThat(api().delete("/api/plugins/axle", admin()).status()).isEqualTo(204);

        assertThat(spokes().get("greetings")).isEqualTo(List.of(OWN));
        Collected.await(loader, 100, "the removed plugin's class loader is garbage-collected");

        assertThat(installPlugin(axle("hub")).status()).isEqualTo(201);

        assertThat(spokes())
                .containsEntry("greetings", List.of(AXLE, OWN))
                .as("the hub kept running throughout")
                .containsEntry("starts", 1);
    }

    /**
     * Both carry a version 1 migration. A PF4J loader finds the hub's resources through the dependent's loader too, so
     * Flyway would see two version 1 migrations for the dependent, or run the hub's again as the dependent's.
     */
    @Test
    void a_dependent_migrates_its_own_storage_only() throws IOException {
        Path hub = TestPlugins.hub("hub", 1)
                .resource("porthole/migrations/V1__hub_notes.sql", "create table hub_notes (id int primary key);")
                .buildJar(dir("hub-migrating"));
        Path axle = TestPlugins.spoke("axle", "hub")
                .compiledAgainst(TestPlugins.hub("hub", 1), dir("hub-migrating"))
                .resource("porthole/migrations/V1__axle_notes.sql", "create table axle_notes (id int primary key);")
                .buildJar(dir("axle-migrating"));
        assertThat(installPlugin(hub).status()).isEqualTo(201);

        Reply installed = installPlugin(axle);

        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        assertThat(installed.map()).containsEntry("state", "STARTED");
        assertThat(spokes().get("greetings")).isEqualTo(List.of(AXLE, OWN));
    }

    @Test
    void a_dependent_is_refused_without_its_dependency_or_with_one_of_a_version_it_does_not_accept() {
        Reply without = installPlugin(axle("hub"));

        assertThat(without.status()).as(without.toString()).isEqualTo(400);
        assertThat(without.problemFields()).containsExactly("file");
        assertThat((String) without.field("detail"))
                .isEqualTo("file: plugin 'axle' needs plugin 'hub', which is not installed");

        installPlugin(hub(1));
        Reply tooOld = installPlugin(axle("hub@>=2.0.0"));

        assertThat(tooOld.status()).as(tooOld.toString()).isEqualTo(400);
        assertThat((String) tooOld.field("detail"))
                .isEqualTo("file: plugin 'axle' needs plugin 'hub' >=2.0.0; version 1.0.0 is installed");
        Reply optional = installPlugin(axle("hub?"));

        assertThat(optional.status()).as(optional.toString()).isEqualTo(400);
        assertThat((String) optional.field("detail"))
                .isEqualTo("file: plugin 'axle' has the optional dependency 'hub?'; plugins depend on others only as"
                        + " required");
        assertThat(api().get("/api/plugins/axle", admin()).status()).isEqualTo(404);
        assertThat(pf4j.getPlugin("axle")).isNull();
        assertThat(Files.exists(pluginsDir().resolve("axle.jar"))).isFalse();
    }

    @Test
    void a_dependency_stays_while_an_enabled_plugin_needs_it() {
        installPlugin(hub(1));
        installPlugin(axle("hub"));

        Reply disable = api().post("/api/plugins/hub/disable", Map.of(), admin());
        Reply remove = api().delete("/api/plugins/hub", admin());

        for (Reply refused : List.of(disable, remove)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.map())
                    .containsEntry("code", "PLUGIN_NEEDED")
                    .containsEntry("detail", "plugin 'hub' is needed by 'axle'; disable or remove that first");
        }
        assertThat(state("hub")).isEqualTo("STARTED");
        assertThat(spokes().get("greetings")).isEqualTo(List.of(AXLE, OWN));
    }

    @Test
    void a_disabled_dependent_outlives_its_dependency_and_starts_once_that_is_back() {
        installPlugin(hub(1));
        installPlugin(axle("hub"));
        api().post("/api/plugins/axle/disable", Map.of(), admin());

        assertThat(api().delete("/api/plugins/hub", admin()).status()).isEqualTo(204);
        Reply enable = api().post("/api/plugins/axle/enable", Map.of(), admin());

        assertThat(enable.status()).as(enable.toString()).isEqualTo(409);
        assertThat(enable.map())
                .containsEntry("code", "PLUGIN_DEPENDENCY_NOT_RUNNING")
                .containsEntry(
                        "detail", "plugin 'axle' 1.0.0 cannot start: it needs plugin 'hub', which is not installed");
        assertThat(api().get("/api/plugins/axle", admin()).map())
                .containsEntry("state", "FAILED")
                .containsEntry("enabled", true)
                .containsEntry("reason", "needs plugin 'hub', which is not installed");

        assertThat(installPlugin(hub(1)).status()).isEqualTo(201);

        assertThat(state("axle"))
                .as("the waiting dependent starts with its dependency")
                .isEqualTo("STARTED");
        assertThat(spokes().get("greetings")).isEqualTo(List.of(AXLE, OWN));
    }

    @Test
    void a_plugin_that_would_close_a_dependency_cycle_is_refused() throws IOException {
        installPlugin(hub(1));
        installPlugin(axle("hub"));
        api().post("/api/plugins/axle/disable", Map.of(), admin());
        api().delete("/api/plugins/hub", admin());

        Reply cycle =
                installPlugin(TestPlugins.hub("hub", 1).dependencies("axle").buildJar(dir("hub-on-axle")));

        assertThat(cycle.status()).as(cycle.toString()).isEqualTo(400);
        assertThat((String) cycle.field("detail"))
                .isEqualTo("file: plugin 'hub' would depend on itself through plugin.dependencies; PF4J cannot order a"
                        + " cycle");
        assertThat(api().get("/api/plugins/hub", admin()).status()).isEqualTo(404);
        assertThat(state("axle")).isEqualTo("DISABLED");
    }

    @Test
    void enabling_a_dependency_starts_the_enabled_dependents_that_waited_for_it() {
        installPlugin(hub(1));
        installPlugin(axle("hub"));
        api().post("/api/plugins/axle/disable", Map.of(), admin());
        api().post("/api/plugins/hub/disable", Map.of(), admin());
        Reply enable = api().post("/api/plugins/axle/enable", Map.of(), admin());
        assertThat(enable.status()).isEqualTo(409);
        assertThat((String) enable.field("detail")).endsWith("it needs plugin 'hub', which is not running");

        assertThat(api().post("/api/plugins/hub/enable", Map.of(), admin()).status())
                .isEqualTo(200);

        assertThat(state("axle")).isEqualTo("STARTED");
        assertThat(spokes().get("greetings"))
                .as("the hub's own extension is made anew for its new start")
                .isEqualTo(List.of(AXLE, "own spoke #2 greets ann"));
    }

    @Test
    void upgrading_the_dependency_restarts_the_dependent_against_the_new_version() throws Exception {
        installPlugin(hub(1));
        installPlugin(axle("hub@>=1.0.0 & <3.0.0"));
        ClassLoader before = pf4j.getPlugin("axle").getPluginClassLoader();

        Reply upgraded = installPlugin(TestPlugins.hub("hub", 2).buildJar(dir("hub-v2")));

        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        assertThat(state("axle")).isEqualTo("STARTED");
        assertThat(pf4j.getPlugin("axle").getPluginClassLoader())
                .as("the dependent is loaded afresh, linked to the new version's classes")
                .isNotSameAs(before);
        assertThat(spokes()).containsEntry("version", "2.0.0").containsEntry("greetings", List.of(AXLE, OWN));

        Reply beyond = installPlugin(TestPlugins.hub("hub", 3).buildJar(dir("hub-v3")));

        assertThat(beyond.status())
                .as("a dependent that cannot follow does not hold the upgrade back")
                .isEqualTo(200);
        assertThat(api().get("/api/plugins/axle", admin()).map())
                .containsEntry("state", "FAILED")
                .containsEntry("reason", "needs plugin 'hub' >=1.0.0 & <3.0.0; version 3.0.0 is installed");
        assertThat(spokes()).containsEntry("version", "3.0.0").containsEntry("greetings", List.of(OWN));
    }

    private Path hub(int major) {
        try {
            return TestPlugins.hub("hub", major).buildJar(dir("hub-v" + major));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dependent, compiled against version 1 of the hub, which is built for it. */
    private Path axle(String dependencies) {
        try {
            Path dir = dir("axle-" + Integer.toHexString(dependencies.hashCode()));
            hub(1);
            return TestPlugins.spoke("axle", dependencies)
                    .compiledAgainst(TestPlugins.hub("hub", 1), dir("hub-v1"))
                    .buildJar(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> spokes() {
        Reply reply = api().get("/hub/spokes", Auth.NONE);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.map();
    }

    private String state(String id) {
        return (String) api().get("/api/plugins/" + id, admin()).field("state");
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(builds.resolve(name));
    }
}
