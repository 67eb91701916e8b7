package dev.porthole.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ServerProcess;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.core.type.Argument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 2xx means the write is durable: concurrent clients create hosts (the host's tables) and notes (a plugin's storage)
 * on a real server process, which is killed with SIGKILL mid-stream; after a restart on the same data directory and
 * database, every write that was answered 201 is there. On H2 this is the default database file; on PostgreSQL, the
 * embedded server (only Porthole is killed, PostgreSQL keeps running).
 */
class KillDurabilityTest {
    private static final String PLUGIN = "journal";
    private static final int WRITERS = 8;
    private static final long WRITE_MILLIS = 3000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void every_acknowledged_write_survives_a_kill_9(TestDatabase database) throws Exception {
        Path builtins = Files.createDirectories(dir.resolve("builtin"));
        TestPlugins.full(PLUGIN).buildJar(builtins);
        Path dataDir = dir.resolve("data");
        Map<String, String> settings = new HashMap<>();
        settings.put("porthole.plugins.builtin-dir", builtins.toString());
        if (database == TestDatabase.POSTGRES) {
            settings.putAll(database.freshDatabase());
        } // H2: the built-in default, a file under the data directory, is what is under test

        Set<String> hosts = ConcurrentHashMap.newKeySet();
        Set<String> notes = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.start(dataDir, settings)) {
            Auth admin = server.admin();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                String writer = "w" + w;
                writers.execute(() -> write(server.api(), admin, writer, hosts, notes, killed));
            }
            Thread.sleep(WRITE_MILLIS);
            server.kill();
            killed.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(hosts).as("hosts acknowledged before the kill").isNotEmpty();
        assertThat(notes).as("plugin notes acknowledged before the kill").isNotEmpty();

        try (ServerProcess restarted = ServerProcess.start(dataDir, settings)) {
            Auth admin = restarted.admin();
            ApiClient.Reply hostList = restarted.api().get("/api/hosts", admin);
            assertThat(hostList.status()).isEqualTo(200);
            Set<String> foundHosts =
                    hostList.list().stream().map(h -> (String) h.get("name")).collect(Collectors.toSet());
            ApiClient.Reply noteList = restarted.api().get("/" + PLUGIN + "/notes", admin);
            assertThat(noteList.status()).as("notes: %s", noteList).isEqualTo(200);
            Set<String> foundNotes =
                    new HashSet<>(noteList.json().readValue(noteList.body(), Argument.listOf(String.class)));

            Set<String> lostHosts = missing(hosts, foundHosts);
            Set<String> lostNotes = missing(notes, foundNotes);
            System.out.printf(
                    "[kill-9 %s] hosts: %d acknowledged, %d of them found; plugin notes: %d acknowledged, %d found%n",
                    database,
                    hosts.size(),
                    hosts.size() - lostHosts.size(),
                    notes.size(),
                    notes.size() - lostNotes.size());
            assertThat(lostHosts.size())
                    .as(
                            "hosts answered 201 and gone after kill -9 on %s, of %d (e.g. %s)",
                            database, hosts.size(), sample(lostHosts))
                    .isZero();
            assertThat(lostNotes.size())
                    .as(
                            "plugin notes answered 201 and gone after kill -9 on %s, of %d (e.g. %s)",
                            database, notes.size(), sample(lostNotes))
                    .isZero();
        }
    }

    /** Creates hosts and notes in turn until the server is gone, remembering each one answered 201. */
    private static void write(
            ApiClient api, Auth auth, String writer, Set<String> hosts, Set<String> notes, AtomicBoolean killed) {
        for (int i = 0; !killed.get(); i++) {
            String name = writer + "-" + i;
            try {
                if (i % 2 == 0) {
                    ApiClient.Reply reply = api.post(
                            "/api/hosts",
                            Map.of(
                                    "name", name,
                                    "address", "192.0.2.10",
                                    "username", "deploy",
                                    "authType", "password",
                                    "password", "s3cret-" + name),
                            auth);
                    if (reply.status() == 201) {
                        hosts.add(name);
                    }
                } else if (api.post("/" + PLUGIN + "/notes", Map.of("text", name), auth)
                                .status()
                        == 201) {
                    notes.add(name);
                }
            } catch (RuntimeException connectionLost) {
                // the server is being killed: what was not answered 201 was never acknowledged
                if (!killed.get()) {
                    sleepBriefly();
                }
            }
        }
    }

    private static Set<String> missing(Set<String> acknowledged, Set<String> found) {
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(found);
        return lost;
    }

    private static String sample(Set<String> names) {
        return names.stream().sorted().limit(5).collect(Collectors.joining(", "));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
