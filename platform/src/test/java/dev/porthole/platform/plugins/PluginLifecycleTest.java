package dev.porthole.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.Collected;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginManager;

/** Real plugin archives, built in a temp directory, installed into a running platform through the admin API. */
@MicronautTest(transactional = false)
class PluginLifecycleTest extends PlatformTestBase {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path builds;

    @Inject
    PluginManager pf4j;

    PluginLifecycleTest() throws IOException {
        super(TestDatabase.H2);
        builds = Files.createTempDirectory("porthole-test-plugins");
    }

    @AfterEach
    void removeAll() {
        Auth admin = admin();
        for (Map<String, Object> plugin : api().get("/api/plugins", admin).list()) {
            api().delete("/api/plugins/" + plugin.get("id"), admin);
        }
    }

    private List<String> pluginFiles() {
        try (Stream<Path> files = Files.list(pluginsDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(EnabledStates.FILE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void an_installed_plugin_serves_its_route_on_its_own_threads_runs_its_job_and_migrates_its_table()
            throws Exception {
        Reply installed = installPlugin(TestPlugins.full("greeter").buildJar(builds));

        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        assertThat(installed.map()).containsEntry("id", "greeter").containsEntry("state", "STARTED");
        assertThat(installed.body()).contains("/greeter/hello/{name}", "/greeter/stream", "/greeter/ws", "tick");
        Reply hello = api().get("/greeter/hello/ann", Auth.NONE);
        assertThat(hello.map()).containsEntry("hello", "ann");
        assertThat((String) hello.field("thread")).startsWith("plugin-greeter-");
        assertThat((String) hello.field("loader")).contains("PluginClassLoader");
        awaitTicks("greeter", 3);
        TestUser user = newUser("USER");
        assertThat(api().post("/greeter/notes", Map.of("text", "first"), user.auth())
                        .status())
                .isEqualTo(201);
        assertThat(api().get("/greeter/notes", user.auth()).body()).isEqualTo("[\"first\"]");
        assertThat(api().post("/greeter/notes", Map.of("text", "x"), Auth.NONE).status())
                .isEqualTo(401);
        assertThat(pluginFiles()).containsExactly("greeter.jar");
    }

    @Test
    void a_zip_plugin_uses_the_libraries_it_ships() {
        Reply installed = installPlugin(TestPlugins.withLibrary("loud").buildZip(builds));

        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        assertThat(api().get("/loud/hello", Auth.NONE).body()).isEqualTo("HELLO!");
        assertThat(pluginFiles()).containsExactly("loud");
    }

    @Test
    void disable_withdraws_routes_streams_sockets_and_jobs_and_enable_brings_them_back() throws Exception {
        installPlugin(TestPlugins.full("greeter").buildJar(builds));
        TestUser user = newUser("USER");
        BufferedReader stream = openStream("/greeter/stream", user);
        Socket socket = openSocket("/greeter/ws", user);
        socket.send("hi");
        assertThat(socket.next()).isEqualTo("greeter:hi");
        awaitTicks("greeter", 1);

        Reply disabled = api().post("/api/plugins/greeter/disable", Map.of(), admin());

        assertThat(disabled.map()).containsEntry("state", "DISABLED").containsEntry("enabled", false);
        assertThat(api().get("/greeter/hello/ann", Auth.NONE).status()).isEqualTo(404);
        assertThat(readToEnd(stream)).as("the SSE stream completes").isTrue();
        assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(disabled.body()).doesNotContain("\"tick\"");

        Reply enabled = api().post("/api/plugins/greeter/enable", Map.of(), admin());

        assertThat(enabled.map()).containsEntry("state", "STARTED");
        assertThat(api().get("/greeter/hello/ann", Auth.NONE).status()).isEqualTo(200);
        awaitTicks("greeter", 1);
    }

    @Test
    void uninstall_removes_every_trace_and_the_class_loader_is_collected() throws Exception {
        installPlugin(TestPlugins.full("greeter").buildJar(builds));
        assertThat(api().get("/greeter/hello/ann", Auth.NONE).status()).isEqualTo(200);
        WeakReference<ClassLoader> loader =
                new WeakReference<>(pf4j.getPlugin("greeter").getPluginClassLoader());

        assertThat(api().delete("/api/plugins/greeter", admin()).status()).isEqualTo(204);

        assertThat(api().get("/greeter/hello/ann", Auth.NONE).status()).isEqualTo(404);
        assertThat(api().get("/api/plugins/greeter", admin()).status()).isEqualTo(404);
        assertThat(pluginFiles()).isEmpty();
        Collected.await(loader, 100, "the plugin's class loader is garbage-collected");
    }

    @Test
    void bad_uploads_are_refused_with_the_reason_and_leave_nothing_on_disk() throws Exception {
        installPlugin(TestPlugins.claiming("first", "/shared/{id}").buildJar(builds));
        Path notZip = Files.writeString(builds.resolve("notes.jar"), "not a zip");

        Reply notAZip = installPlugin(notZip);
        Reply wrongType = api().upload("/api/plugins", "file", "plugin.txt", new byte[] {1}, admin());
        Reply noFile = api().upload("/api/plugins", "other", "x.jar", new byte[] {1}, admin());
        Reply noDescriptor = installPlugin(
                TestPlugins.claiming("nodesc", "/nodesc/x").withoutDescriptor().buildJar(builds));
        Reply zipWithoutDescriptor = installPlugin(
                TestPlugins.withLibrary("zipnodesc").withoutDescriptor().buildZip(builds));
        Reply noRequires = installPlugin(
                TestPlugins.claiming("norange", "/norange/x").withoutRequires().buildJar(builds));
        Reply badId = installPlugin(TestPlugins.claiming("Bad_Id", "/bad/x").buildJar(builds));
        Reply badVersion = installPlugin(TestPlugins.claiming("badversion", "/badversion/x")
                .version("one")
                .buildJar(builds));
        Reply sameVersion =
                installPlugin(TestPlugins.claiming("first", "/other/path").buildJar(dir("same")));
        Reply olderVersion = installPlugin(
                TestPlugins.claiming("first", "/other/path").version("0.9.0").buildJar(dir("older")));
        Reply conflict =
                installPlugin(TestPlugins.claiming("second", "/shared/list").buildJar(builds));
        Reply tooNew = installPlugin(
                TestPlugins.claiming("future", "/future/x").requires(">=9.0.0").buildJar(builds));
        Reply platformRoute =
                installPlugin(TestPlugins.claiming("sneaky", "/api/users/{id}").buildJar(builds));

        assertThat(notAZip.status()).isEqualTo(400);
        assertThat(notAZip.problemFields()).containsExactly("file");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.problemFields()).containsExactly("file");
        assertThat(noDescriptor.status()).isEqualTo(400);
        assertThat((String) noDescriptor.field("detail"))
                .contains("has no plugin descriptor", "plugin.properties", "Plugin-Id");
        assertThat(zipWithoutDescriptor.status()).isEqualTo(400);
        assertThat((String) zipWithoutDescriptor.field("detail"))
                .isEqualTo("file: has no plugin descriptor: put plugin.properties (plugin.id, plugin.version,"
                        + " plugin.requires) at its root");
        assertThat(noRequires.status()).isEqualTo(400);
        assertThat((String) noRequires.field("detail")).contains("its plugin.properties has no plugin.requires");
        assertThat(badId.status()).isEqualTo(400);
        assertThat((String) badId.field("detail")).contains("'Bad_Id'", "lowercase");
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat((String) badVersion.field("detail")).contains("'one'", "semantic version");
        assertThat(sameVersion.status()).isEqualTo(409);
        assertThat(sameVersion.map()).containsEntry("code", "PLUGIN_VERSION_NOT_NEWER");
        assertThat((String) sameVersion.field("detail")).contains("1.0.0 is installed already");
        assertThat(olderVersion.status()).isEqualTo(409);
        assertThat(olderVersion.map()).containsEntry("code", "PLUGIN_VERSION_NOT_NEWER");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.map()).containsEntry("code", "ROUTE_CONFLICT");
        assertThat((String) conflict.field("detail")).contains("'second'", "'first'", "/shared/{id}");
        assertThat(tooNew.status()).isEqualTo(400);
        assertThat((String) tooNew.field("detail")).contains(">=9.0.0", "provides 0.2.0");
        assertThat(platformRoute.status()).isEqualTo(409);
        assertThat((String) platformRoute.field("detail")).contains("platform");
        assertThat(pluginFiles()).containsExactly("first.jar");
        assertThat(api().get("/api/plugins", admin()).list())
                .extracting(p -> p.get("id"))
                .containsExactly("first");
        assertThat(api().get("/shared/1", Auth.NONE).body()).isEqualTo("\"claimed\"");
    }

    @Test
    void a_plugin_whose_start_throws_is_refused_with_its_reason_and_nothing_of_it_stays() {
        installPlugin(TestPlugins.full("greeter").buildJar(builds));

        Reply failed = installPlugin(TestPlugins.failing("broken").buildJar(builds));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(422);
        assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(failed.map())
                .containsEntry("code", "PLUGIN_START_FAILED")
                .containsEntry(
                        "detail", "plugin 'broken' 1.0.0 failed to start: the greeting service is not configured");
        assertThat(api().get("/broken/early", Auth.NONE).status())
                .as("nothing it registered stays")
                .isEqualTo(404);
        assertThat(api().get("/api/plugins/broken", admin()).status()).isEqualTo(404);
        assertThat(pf4j.getPlugin("broken")).isNull();
        assertThat(pluginFiles()).containsExactly("greeter.jar");
        assertThat(api().get("/greeter/hello/ann", Auth.NONE).status()).isEqualTo(200);
        assertThat(api().get("/health", Auth.NONE).status()).isEqualTo(200);
    }

    @Test
    void a_higher_version_upgrades_in_place_and_carries_the_plugins_storage_forward() throws Exception {
        assertThat(installPlugin(TestPlugins.versioned("notes", 1, false).buildJar(dir("v1")))
                        .status())
                .isEqualTo(201);
        assertThat(api().sendRaw("POST", "/notes/notes", "kept across the upgrade", Auth.NONE)
                        .status())
                .isEqualTo(201);

        Reply upgraded = installPlugin(TestPlugins.versioned("notes", 2, false).buildJar(dir("v2")));

        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        assertThat(upgraded.map()).containsEntry("version", "2.0.0").containsEntry("state", "STARTED");
        assertThat(api().get("/notes/about", Auth.NONE).map())
                .as("version 2 reads the column its own migration added, beside version 1's row")
                .containsEntry("version", "2.0.0")
                .containsEntry("notes", 1);
        assertThat(pluginFiles()).containsExactly("notes.jar");
        assertThat(pf4j.getPlugin("notes").getDescriptor().getVersion()).isEqualTo("2.0.0");
    }

    @Test
    void an_upgrade_whose_new_version_fails_to_start_puts_the_old_version_back_serving() throws Exception {
        installPlugin(TestPlugins.versioned("rollback", 1, false).buildJar(dir("v1")));
        api().sendRaw("POST", "/rollback/notes", "still here", Auth.NONE);

        Reply refused = installPlugin(TestPlugins.versioned("rollback", 2, true).buildJar(dir("v2")));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.map()).containsEntry("code", "PLUGIN_START_FAILED");
        assertThat((String) refused.field("detail"))
                .isEqualTo("plugin 'rollback' 2.0.0 failed to start: version 2 cannot start; version 1.0.0 is installed"
                        + " again and serving");
        assertThat(api().get("/api/plugins/rollback", admin()).map())
                .containsEntry("version", "1.0.0")
                .containsEntry("state", "STARTED");
        assertThat(api().get("/rollback/about", Auth.NONE).map())
                .containsEntry("version", "1.0.0")
                .containsEntry("notes", 1);
        assertThat(pluginFiles()).containsExactly("rollback.jar");
    }

    @Test
    void raw_archive_bodies_install_like_multipart_uploads() {
        Reply jar = api().postBytes(
                        "/api/plugins",
                        "application/java-archive",
                        read(TestPlugins.full("greeter").buildJar(builds)),
                        admin());
        Reply zip = api().postBytes(
                        "/api/plugins",
                        "application/octet-stream",
                        read(TestPlugins.withLibrary("loud").buildZip(builds)),
                        admin());
        Reply garbage = api().postBytes("/api/plugins", "application/zip", new byte[] {1, 2, 3}, admin());
        Reply byUser = api().postBytes(
                        "/api/plugins",
                        "application/zip",
                        read(TestPlugins.full("other").buildJar(builds)),
                        newUser("USER").auth());

        assertThat(jar.status()).as(jar.toString()).isEqualTo(201);
        assertThat(jar.header("Location")).isEqualTo("/api/plugins/greeter");
        assertThat(zip.status()).as(zip.toString()).isEqualTo(201);
        assertThat(api().get("/loud/hello", Auth.NONE).body()).isEqualTo("HELLO!");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.problemFields()).containsExactly("file");
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(pluginFiles()).containsExactly("greeter.jar", "loud");
    }

    @Test
    void enabling_a_plugin_that_cannot_start_answers_the_reason_and_leaves_it_failed() throws Exception {
        installPlugin(TestPlugins.versioned("moody", 1, false).buildJar(dir("v1")));
        api().post("/api/plugins/moody/disable", Map.of(), admin());
        System.setProperty(TestPlugins.REFUSE_START, "moody");
        Reply enabled;
        try {
            enabled = api().post("/api/plugins/moody/enable", Map.of(), admin());
        } finally {
            System.clearProperty(TestPlugins.REFUSE_START);
        }

        assertThat(enabled.status()).isEqualTo(422);
        assertThat(enabled.map())
                .containsEntry("code", "PLUGIN_START_FAILED")
                .containsEntry("detail", "plugin 'moody' 1.0.0 failed to start: version 1 cannot start");
        assertThat(api().get("/api/plugins/moody", admin()).map())
                .containsEntry("state", "FAILED")
                .containsEntry("enabled", true)
                .containsEntry("reason", "version 1 cannot start");
        assertThat(api().get("/moody/about", Auth.NONE).status()).isEqualTo(404);
        assertThat(api().post("/api/plugins/moody/enable", Map.of(), admin()).map())
                .containsEntry("state", "STARTED");
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(builds.resolve(name));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void only_admins_manage_plugins() {
        TestUser user = newUser("USER");

        assertThat(api().get("/api/plugins", user.auth()).status()).isEqualTo(403);
        assertThat(api().get("/api/plugins", Auth.NONE).status()).isEqualTo(401);
        assertThat(api().upload("/api/plugins", "file", "x.jar", new byte[] {1}, user.auth())
                        .status())
                .isEqualTo(403);
        assertThat(api().delete("/api/plugins/nothing", admin()).status()).isEqualTo(404);
        assertThat(api().post("/api/plugins/Bad_Id/enable", Map.of(), admin()).status())
                .isEqualTo(400);
    }

    @Test
    void installing_and_removing_a_plugin_leaves_another_plugins_streams_and_sockets_open() throws Exception {
        installPlugin(TestPlugins.full("greeter").buildJar(builds));
        TestUser user = newUser("USER");
        BufferedReader stream = openStream("/greeter/stream", user);
        Socket socket = openSocket("/greeter/ws", user);

        installPlugin(TestPlugins.full("other").buildJar(builds));
        assertThat(api().get("/other/hello/x", Auth.NONE).status()).isEqualTo(200);
        assertThat(api().delete("/api/plugins/other", admin()).status()).isEqualTo(204);

        socket.send("still there?");
        assertThat(socket.next()).isEqualTo("greeter:still there?");
        assertThat(socket.closed).isNotDone();
        assertThat(stream.ready() || !readToEnd(stream, 300))
                .as("the stream is still open")
                .isTrue();
    }

    private void awaitTicks(String id, long atLeast) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<?> jobs = (List<?>) api().get("/api/plugins/" + id, admin()).field("jobs");
            if (!jobs.isEmpty() && ((Number) ((Map<?, ?>) jobs.get(0)).get("runs")).longValue() >= atLeast) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job of " + id + " did not run " + atLeast + " times");
    }

    private BufferedReader openStream(String path, TestUser user) throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path))
                        .header("Authorization", "Bearer " + login(user.username(), user.password()))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("event: hello");
        return lines;
    }

    /** Whether the stream ends within 10 s. */
    private static boolean readToEnd(BufferedReader lines) throws Exception {
        return readToEnd(lines, 10_000);
    }

    private static boolean readToEnd(BufferedReader lines, long millis) throws Exception {
        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
            try {
                while (lines.readLine() != null) {
                    // skip to the end
                }
                return true;
            } catch (IOException e) {
                return true;
            }
        });
        try {
            return ended.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private Socket openSocket(String path, TestUser user) throws Exception {
        Socket socket = new Socket();
        socket.webSocket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + login(user.username(), user.password()))
                .buildAsync(URI.create("ws://" + server.getHost() + ":" + server.getPort() + path), socket)
                .get(10, TimeUnit.SECONDS);
        return socket;
    }

    static final class Socket implements WebSocket.Listener {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket webSocket;

        void send(String text) throws Exception {
            webSocket.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return text;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            texts.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
