package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.porthole.api.http.HttpError;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.testing.ProcessDuplexStreamOpener;
import dev.porthole.docker.transport.DialStdioClientConfig;
import dev.porthole.docker.transport.DialStdioDockerHttpClient;
import dev.porthole.test.DockerTestenv;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spec 000's operations against the local dockerd, every request through {@code docker system dial-stdio} as it will
 * run over SSH.
 */
@ExtendWith(DockerTestenv.class)
class DockerOperationsTest {
    private DockerEngine engine;
    private DockerOperations docker;
    private TestContainers containers;

    @BeforeEach
    void connect() {
        engine = DockerEngine.over(
                new DialStdioDockerHttpClient(ProcessDuplexStreamOpener.dialStdio(), DialStdioClientConfig.DEFAULTS));
        docker = new DockerOperations(engine, DockerOperations.DEFAULT_MAX_LOG_BYTES);
        containers = new TestContainers(engine.client());
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            containers.removeAll();
        } finally {
            engine.close();
        }
    }

    private static ContainerRef ref(String id) {
        return new ContainerRef(id);
    }

    @Test
    void validateReportsTheDaemonsVersion() throws Exception {
        Availability availability = docker.validate();
        assertThat(availability.available()).isTrue();
        assertThat(availability.version()).isEqualTo(DockerTestenv.cli("version", "--format", "{{.Server.Version}}"));
    }

    @Test
    void listsContainersInEveryStateAndRunningOnesOnly() throws Exception {
        String running = containers.running("sleep 300");
        String published = containers.create("sleep 300", cmd -> cmd.withExposedPorts(ExposedPort.tcp(80))
                .withHostConfig(HostConfig.newHostConfig()
                        .withInit(true)
                        .withPortBindings(new Ports(PortBinding.parse("127.0.0.1:0:80/tcp")))));
        engine.client().startContainerCmd(published).exec();
        String exited = containers.exited("true", cmd -> cmd);
        String paused = containers.running("sleep 300");
        engine.client().pauseContainerCmd(paused).exec();
        String created = containers.create("sleep 300");

        Map<String, ContainerSummary> all = byId(docker.list(true));
        assertThat(all.get(running.substring(0, 12)).state()).isEqualTo("running");
        assertThat(all.get(exited.substring(0, 12)).state()).isEqualTo("exited");
        assertThat(all.get(paused.substring(0, 12)).state()).isEqualTo("paused");
        assertThat(all.get(created.substring(0, 12)).state()).isEqualTo("created");

        ContainerSummary row = all.get(running.substring(0, 12));
        assertThat(row.name())
                .isEqualTo(DockerTestenv.cli("inspect", "--format", "{{.Name}}", running)
                        .substring(1));
        assertThat(row.image()).isEqualTo(DockerTestenv.IMAGE);
        assertThat(row.status()).startsWith("Up ");
        assertThat(Instant.parse(row.created())).isBetween(Instant.now().minusSeconds(120), Instant.now());
        assertThat(all.get(exited.substring(0, 12)).status()).startsWith("Exited (0)");
        assertThat(all.get(paused.substring(0, 12)).status()).contains("(Paused)");
        String hostPort = DockerTestenv.cli("port", published, "80/tcp")
                .lines()
                .findFirst()
                .orElseThrow();
        assertThat(all.get(published.substring(0, 12)).ports()).isEqualTo(hostPort + "->80/tcp");

        Map<String, ContainerSummary> runningOnly = byId(docker.list(false));
        assertThat(runningOnly)
                .containsKeys(running.substring(0, 12), paused.substring(0, 12))
                .doesNotContainKeys(exited.substring(0, 12), created.substring(0, 12));
    }

    private static Map<String, ContainerSummary> byId(List<ContainerSummary> rows) {
        return rows.stream().collect(Collectors.toMap(ContainerSummary::id, Function.identity()));
    }

    @Test
    void inspectPassesTheDaemonsDocumentOnAndAnUnknownContainerIs404() throws Exception {
        String id = containers.running("sleep 300");
        Map<String, Object> inspect = docker.inspect(ref(id.substring(0, 12)));
        assertThat(inspect.get("Id")).isEqualTo(id);
        assertThat(inspect.keySet())
                .containsAll(List.of("Id", "Created", "State", "Config", "HostConfig", "NetworkSettings", "Mounts"));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) inspect.get("State");
        assertThat(state).containsEntry("Status", "running").containsEntry("Running", true);

        assertNotFound(() -> docker.inspect(ref("porthole-no-such-container")));
    }

    @Test
    void startsStopsRestartsPausesUnpausesAndRemoves() throws Exception {
        String id = containers.create("sleep 300");
        ContainerRef c = ref(id);

        assertThat(docker.start(c)).isEqualTo(new ActionResult(true, "Container started successfully"));
        assertThat(containers.state(id)).isEqualTo("running");
        assertThat(docker.start(c).success()).as("starting a running container").isTrue();
        assertThat(docker.pause(c).message()).isEqualTo("Container paused successfully");
        assertThat(containers.state(id)).isEqualTo("paused");
        assertThat(docker.unpause(c).message()).isEqualTo("Container unpaused successfully");
        assertThat(containers.state(id)).isEqualTo("running");
        assertThat(docker.restart(c).message()).isEqualTo("Container restarted successfully");
        assertThat(containers.state(id)).isEqualTo("running");

        assertThatThrownBy(() -> docker.remove(c, false)).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(body(e)).containsEntry("success", false).containsEntry("code", "CONTAINER_RUNNING");
        });
        assertThat(containers.state(id)).isEqualTo("running");

        assertThat(docker.stop(c).message()).isEqualTo("Container stopped successfully");
        assertThat(containers.state(id)).isEqualTo("exited");
        assertThat(docker.stop(c).success()).as("stopping a stopped container").isTrue();
        assertThat(docker.remove(c, false).message()).isEqualTo("Container removed successfully");
        assertNotFound(() -> docker.inspect(c));
    }

    @Test
    void forceRemovesARunningContainer() throws Exception {
        String id = containers.running("sleep 300");
        assertThat(docker.remove(ref(id), true).success()).isTrue();
        assertNotFound(() -> docker.inspect(ref(id)));
    }

    @Test
    void actionsOnAnUnknownContainerAre404AndAStateConflictIs409WithItsCode() throws Exception {
        ContainerRef missing = ref("porthole-no-such-container");
        assertNotFound(() -> docker.start(missing));
        assertNotFound(() -> docker.stop(missing));
        assertNotFound(() -> docker.pause(missing));
        assertNotFound(() -> docker.remove(missing, true));
        assertNotFound(() -> docker.logs(missing, LogsQuery.parse(null, null, null, null)));
        assertNotFound(() -> docker.stats(missing));

        String created = containers.create("sleep 300");
        assertThatThrownBy(() -> docker.pause(ref(created))).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(body(e)).containsEntry("code", "CONTAINER_NOT_RUNNING");
            assertThat((String) body(e).get("error")).contains("is not running");
        });
    }

    /**
     * The daemon copies stdout and stderr on separate goroutines, so lines written microseconds apart on the two
     * streams can reach the log in either order (docker logs shows the same); 100 ms apart their order is fixed.
     */
    @Test
    void logsOfAContainerWithoutTtyKeepStdoutAndStderrInOrder() throws Exception {
        String id = containers.exited(
                "echo out1; usleep 100000; echo err1 >&2; usleep 100000; echo out2; usleep 100000; echo err2 >&2",
                cmd -> cmd.withTty(false));
        LogsResult logs = docker.logs(ref(id), LogsQuery.parse(null, null, null, null));
        assertThat(logs.logs()).isEqualTo("out1\nerr1\nout2\nerr2\n");
        assertThat(logs.truncated()).isFalse();
    }

    @Test
    void logsOfATtyContainerAreTheTerminalOutput() throws Exception {
        String id = containers.exited("echo out1; echo err1 >&2", cmd -> cmd.withTty(true));
        LogsResult logs = docker.logs(ref(id), LogsQuery.parse(null, null, null, null));
        assertThat(logs.logs()).isEqualTo("out1\r\nerr1\r\n");
    }

    @Test
    void logsHonourTailTimestampsSinceAndUntil() throws Exception {
        String id = containers.exited("for i in 1 2 3 4 5; do echo line$i; usleep 100000; done", cmd -> cmd);
        ContainerRef c = ref(id);
        assertThat(docker.logs(c, LogsQuery.parse("2", null, null, null)).logs())
                .isEqualTo("line4\nline5\n");

        List<String> stamped = docker.logs(c, LogsQuery.parse("all", "true", null, null))
                .logs()
                .lines()
                .toList();
        assertThat(stamped).hasSize(5);
        String third = stamped.get(2).substring(0, stamped.get(2).indexOf(' '));
        assertThat(Instant.parse(third)).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(stamped.get(2)).endsWith(" line3");

        // Both bounds include a line stamped exactly on them, as docker logs does.
        assertThat(docker.logs(c, LogsQuery.parse("all", null, third, null)).logs())
                .isEqualTo("line3\nline4\nline5\n");
        assertThat(docker.logs(c, LogsQuery.parse("all", null, null, third)).logs())
                .isEqualTo("line1\nline2\nline3\n");
    }

    @Test
    void logsAreCutAtTheByteCapAndSaySo() throws Exception {
        String id = containers.exited("i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done", cmd -> cmd);
        DockerOperations capped = new DockerOperations(engine, 1000);
        LogsResult logs = capped.logs(ref(id), LogsQuery.parse("all", null, null, null));
        assertThat(logs.truncated()).isTrue();
        assertThat(logs.logs()).hasSize(1000).startsWith("line-0\nline-1\n");

        LogsResult whole = docker.logs(ref(id), LogsQuery.parse("all", null, null, null));
        assertThat(whole.truncated()).isFalse();
        assertThat(whole.logs().lines()).hasSize(2000);
        // The transport is still usable after a response was abandoned half-read.
        assertThat(docker.list(true)).isNotEmpty();
    }

    @Test
    void statsOfARunningContainerAreSane() throws Exception {
        String id = containers.running("while :; do :; done");
        Thread.sleep(500);
        StatsSnapshot stats = docker.stats(ref(id));
        double cpu = Double.parseDouble(stats.cpu().replace("%", ""));
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(cpu).isBetween(1.0, 100.0 * cpus + 1);
        assertThat(stats.memoryUsed()).matches("[0-9.]+(KiB|MiB)");
        assertThat(stats.memoryLimit()).matches("[0-9.]+(MiB|GiB|TiB)");
        assertThat(stats.memoryPercent()).matches("[0-9]+\\.[0-9]{2}%");
        assertThat(stats.netInput()).matches("[0-9.]+(B|kB|MB)");
        assertThat(stats.blockRead()).matches("[0-9.]+(B|kB|MB|GB)");
        assertThat(Integer.parseInt(stats.pids())).isGreaterThanOrEqualTo(2);
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(body(e))
                    .containsEntry("success", false)
                    .containsEntry("error", "Container not found")
                    .containsEntry("code", "CONTAINER_NOT_FOUND");
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpError e) {
        return (Map<String, Object>) e.response().orElseThrow().body();
    }
}
