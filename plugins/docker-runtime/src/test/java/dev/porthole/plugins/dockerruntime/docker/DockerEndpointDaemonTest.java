package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.ContainerEvent;
import dev.porthole.plugins.containers.spi.ContainerInfo;
import dev.porthole.plugins.containers.spi.ContainerState;
import dev.porthole.plugins.containers.spi.ContainerStats;
import dev.porthole.plugins.containers.spi.LogRequest;
import dev.porthole.plugins.containers.spi.LogSink;
import dev.porthole.plugins.containers.spi.LogSink.EndReason;
import dev.porthole.plugins.containers.spi.PortMapping;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.containers.spi.RuntimeFailure.Kind;
import dev.porthole.test.DockerTestenv;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoint against the real local dockerd through the SPI, without a Porthole: its own socket transport, an
 * executor standing in for the plugin's, and containers in every state that can be made at will (created, running,
 * paused, exited; restarting only lasts while a restart policy waits, so it is not made here), each named after this
 * run and removed after it. Where the Docker CLI shows the same thing, the test compares with the CLI.
 */
@ExtendWith(DockerTestenv.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerEndpointDaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Optional<String> NO_NAMESPACE = Optional.empty();
    private static final String IMAGE = DockerTestenv.IMAGE;

    private final String prefix = "ph-dr-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final ObjectMapper json = new ObjectMapper();
    private ExecutorService executor;
    private DockerEndpoint endpoint;

    @BeforeAll
    void open() {
        executor = Executors.newCachedThreadPool();
        endpoint = DockerEndpoint.open(Reach.local(Path.of("/var/run/docker.sock")), executor, Clock.systemUTC());
    }

    @AfterAll
    void removeContainers() throws Exception {
        endpoint.close();
        executor.shutdownNow();
        String ids = DockerTestenv.cli("ps", "-aq", "--filter", "name=" + prefix);
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(Arrays.asList(ids.split("\\s+")));
            DockerTestenv.cli(rm.toArray(String[]::new));
        }
    }

    @Test
    void ping_answers_the_daemons_version() throws Exception {
        assertThat(endpoint.ping()).isEqualTo(DockerTestenv.cli("version", "--format", "{{.Server.Version}}"));
    }

    @Test
    void the_list_shows_every_state_as_docker_ps_does() throws Exception {
        String created = DockerTestenv.cli(
                "create",
                "--name",
                prefix + "created",
                "--label",
                "tier=db",
                "--label",
                "nekzus.enable=true",
                IMAGE,
                "sleep",
                "600");
        String running = run("running", "-p", "127.0.0.1::80", "--expose", "81");
        String paused = run("paused");
        DockerTestenv.cli("pause", paused);
        String exited = exited("exited", "true");

        List<String> mine = List.of(created, running, paused, exited);
        List<ContainerInfo> ours = endpoint.list(NO_NAMESPACE).stream()
                .filter(c -> mine.contains(c.fullId()))
                .toList();
        List<Map<String, Object>> cli = dockerPs();

        assertThat(ours).extracting(ContainerInfo::fullId).containsExactlyInAnyOrder(created, running, paused, exited);
        assertThat(stateOf(ours, created)).isEqualTo(ContainerState.CREATED);
        assertThat(stateOf(ours, running)).isEqualTo(ContainerState.RUNNING);
        assertThat(stateOf(ours, paused)).isEqualTo(ContainerState.PAUSED);
        assertThat(stateOf(ours, exited)).isEqualTo(ContainerState.EXITED);
        for (ContainerInfo container : ours) {
            Map<String, Object> row = cli.stream()
                    .filter(r -> r.get("ID").equals(container.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(container.name()).isEqualTo(row.get("Names"));
            assertThat(container.image()).isEqualTo(row.get("Image"));
            assertThat(container.state().word()).isEqualTo(row.get("State"));
            assertThat(portsAsTheCliWritesThem(container.ports())).isEqualTo(portSet((String) row.get("Ports")));
            assertThat(container.labels()).isEqualTo(labels((String) row.get("Labels")));
            assertThat(container.namespace()).isEmpty();
            if (!container.state().isUp()) {
                // "Up 3 seconds" may tick between the two lists; a stopped container's status does not
                assertThat(container.status()).isEqualTo(row.get("Status"));
            }
        }
        ContainerInfo withPorts = ours.stream()
                .filter(c -> c.fullId().equals(running))
                .findFirst()
                .orElseThrow();
        assertThat(withPorts.ports()).anySatisfy(p -> assertThat(p).isEqualTo(new PortMapping("", 81, 0, "tcp")));
        assertThat(withPorts.ports()).anySatisfy(p -> {
            assertThat(p.ip()).isEqualTo("127.0.0.1");
            assertThat(p.publicPort()).isPositive();
        });
        DockerTestenv.cli("unpause", paused);
    }

    @Test
    void inspect_is_the_engines_document_as_it_is() throws Exception {
        String id = exited("inspected", "true");

        Object ours = endpoint.inspect(id.substring(0, 12), NO_NAMESPACE);

        Object cli =
                json.readValue(DockerTestenv.cli("inspect", id), List.class).get(0);
        assertThat(ours).isInstanceOf(Map.class).isEqualTo(cli);
        assertThat(((Map<?, ?>) ours).get("Name")).isEqualTo("/" + prefix + "inspected");
    }

    @Test
    void inspect_of_an_unknown_container_is_not_found() {
        assertFailure(() -> endpoint.inspect(prefix + "nonesuch", NO_NAMESPACE), Kind.NOT_FOUND);
    }

    @Test
    void every_action_and_what_the_daemon_refuses() throws Exception {
        String name = prefix + "acted";
        DockerTestenv.cli("create", "--init", "--name", name, IMAGE, "sleep", "600");

        endpoint.act(name, NO_NAMESPACE, ContainerAction.START, 10);
        assertThat(status(name)).isEqualTo("running");
        assertFailure(() -> endpoint.act(name, NO_NAMESPACE, ContainerAction.START, 10), Kind.ALREADY_STARTED);

        endpoint.act(name, NO_NAMESPACE, ContainerAction.PAUSE, 10);
        assertThat(status(name)).isEqualTo("paused");
        assertFailure(() -> endpoint.act(name, NO_NAMESPACE, ContainerAction.PAUSE, 10), Kind.CONFLICT);
        assertFailure(() -> endpoint.act(name, NO_NAMESPACE, ContainerAction.START, 10), Kind.CONFLICT);

        endpoint.act(name, NO_NAMESPACE, ContainerAction.UNPAUSE, 10);
        assertThat(status(name)).isEqualTo("running");
        assertThatThrownBy(() -> endpoint.act(name, NO_NAMESPACE, ContainerAction.UNPAUSE, 10))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.CONFLICT))
                .hasMessageContaining("is not paused");

        String startedBefore = DockerTestenv.cli("inspect", "--format", "{{.State.StartedAt}}", name);
        endpoint.act(name, NO_NAMESPACE, ContainerAction.RESTART, 1);
        assertThat(status(name)).isEqualTo("running");
        assertThat(DockerTestenv.cli("inspect", "--format", "{{.State.StartedAt}}", name))
                .isNotEqualTo(startedBefore);

        endpoint.act(name, NO_NAMESPACE, ContainerAction.STOP, 1);
        assertThat(status(name)).isEqualTo("exited");
        assertFailure(() -> endpoint.act(name, NO_NAMESPACE, ContainerAction.STOP, 1), Kind.ALREADY_STOPPED);
        assertThatThrownBy(() -> endpoint.act(name, NO_NAMESPACE, ContainerAction.PAUSE, 1))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.CONFLICT))
                .hasMessageContaining("is not running");

        for (ContainerAction action : ContainerAction.values()) {
            assertFailure(() -> endpoint.act(prefix + "nonesuch", NO_NAMESPACE, action, 1), Kind.NOT_FOUND);
        }
    }

    @Test
    void stop_waits_the_grace_period_it_is_given() throws Exception {
        // without --init, busybox as PID 1 ignores SIGTERM: the stop ends when the grace period does
        String id = DockerTestenv.cli("run", "-d", "--name", prefix + "graceful", IMAGE, "sleep", "600");
        long start = System.nanoTime();

        endpoint.act(id, NO_NAMESPACE, ContainerAction.STOP, 2);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), WAIT);
        assertThat(status(id)).isEqualTo("exited");
    }

    @Test
    void remove_refuses_a_running_container_unless_forced() throws Exception {
        String id = run("removed");

        assertThatThrownBy(() -> endpoint.remove(id, NO_NAMESPACE, false))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.CONFLICT))
                .hasMessageContaining("running container");
        endpoint.remove(id, NO_NAMESPACE, true);

        assertFailure(() -> endpoint.inspect(id, NO_NAMESPACE), Kind.NOT_FOUND);
        assertFailure(() -> endpoint.remove(id, NO_NAMESPACE, true), Kind.NOT_FOUND);
    }

    @Test
    void stats_of_a_busy_container() throws Exception {
        String id = run("busy", "sh", "-c", "while :; do :; done");
        Thread.sleep(500);

        ContainerStats stats = endpoint.stats(id, NO_NAMESPACE);

        assertThat(stats.cpuPercent()).isGreaterThan(10.0);
        assertThat(stats.coresUsed()).isEqualTo(stats.cpuPercent() / 100.0);
        assertThat(stats.totalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(stats.memoryUsed()).isPositive();
        assertThat(stats.memoryLimit()).isGreaterThan(stats.memoryUsed());
        assertThat(stats.rxBytes()).isGreaterThanOrEqualTo(0);
        assertThat(stats.timestamp())
                .isBetween(Instant.now().getEpochSecond() - 10, Instant.now().getEpochSecond());
    }

    @Test
    void stats_of_a_container_that_does_not_run_is_a_conflict() throws Exception {
        String id = exited("statless", "true");

        assertFailure(() -> endpoint.stats(id, NO_NAMESPACE), Kind.CONFLICT);
        assertFailure(() -> endpoint.stats(prefix + "nonesuch", NO_NAMESPACE), Kind.NOT_FOUND);
    }

    @Test
    void logs_tail_both_streams_and_end_as_container_stopped_when_not_following() throws Exception {
        // Docker copies stdout and stderr each on its own: only time orders the two in the log
        String id = exited("tailed", "sh", "-c", "for i in 1 2 3 4 5; do echo out$i; done; sleep 0.5; echo err1 >&2");
        awaitLogged(id, "err1");

        Recorder log = logs(id, new LogRequest(3, false, false, NO_NAMESPACE));

        assertThat(log.awaitEnd()).isEqualTo(EndReason.CONTAINER_STOPPED);
        assertThat(log.lines).containsExactly("stdout:out4", "stdout:out5", "stderr:err1");
        assertThat(log.failure).isNull();
    }

    @Test
    void logs_with_timestamps_start_each_line_with_the_daemons_time() throws Exception {
        String id = exited("stamped", "sh", "-c", "echo one; echo two");

        Recorder log = logs(id, new LogRequest(100, false, true, NO_NAMESPACE));

        assertThat(log.awaitEnd()).isEqualTo(EndReason.CONTAINER_STOPPED);
        assertThat(log.lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .matches("stdout:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z .+"));
        assertThat(log.lines.get(1)).endsWith(" two");
    }

    @Test
    void a_tty_containers_log_is_one_raw_stream() throws Exception {
        String id = DockerTestenv.cli(
                "run", "-d", "-t", "--name", prefix + "tty", IMAGE, "sh", "-c", "echo out; echo err >&2");
        DockerTestenv.cli("wait", id);
        awaitLogged(id, "err");

        Recorder log = logs(id, new LogRequest(100, false, false, NO_NAMESPACE));

        assertThat(log.awaitEnd()).isEqualTo(EndReason.CONTAINER_STOPPED);
        // the terminal's \r\n lost its \r; stderr went to the terminal too
        assertThat(log.lines).containsExactly("stdout:out", "stdout:err");
    }

    @Test
    void a_line_over_1_MiB_is_skipped_and_the_lines_around_it_come() throws Exception {
        String id = run(
                "long", "sh", "-c", "echo before; head -c 1572864 /dev/zero | tr '\\0' x; echo; echo after; sleep 600");

        Recorder log = logs(id, new LogRequest(100, true, false, NO_NAMESPACE));

        log.awaitLine("stdout:after");
        assertThat(log.lines).containsExactly("stdout:before", "stdout:after");
        assertThat(log.skipped).containsExactly("stdout:1572864");
        log.handle.close();
        assertThat(log.awaitEnd()).isEqualTo(EndReason.STOPPED);
    }

    @Test
    void a_follow_ends_as_container_stopped_when_the_container_stops() throws Exception {
        String id = run("followed", "sh", "-c", "echo ready; sleep 600");
        Recorder log = logs(id, new LogRequest(10, true, false, NO_NAMESPACE));
        log.awaitLine("stdout:ready");

        DockerTestenv.cli("stop", "-t", "1", id);

        assertThat(log.awaitEnd()).isEqualTo(EndReason.CONTAINER_STOPPED);
        assertThat(log.failure).isNull();
    }

    @Test
    void a_follow_ends_as_container_stopped_when_the_container_restarts() throws Exception {
        String id = run("restarted", "sh", "-c", "echo ready; sleep 600");
        Recorder log = logs(id, new LogRequest(10, true, false, NO_NAMESPACE));
        log.awaitLine("stdout:ready");

        DockerTestenv.cli("restart", "-t", "1", id);

        assertThat(log.awaitEnd()).isEqualTo(EndReason.CONTAINER_STOPPED);
        assertThat(status(id)).isEqualTo("running");
    }

    @Test
    void a_follow_sees_new_lines_and_closing_it_ends_it_as_stopped() throws Exception {
        String id = run("ticking", "sh", "-c", "i=0; while :; do i=$((i+1)); echo tick$i; sleep 0.2; done");
        Recorder log = logs(id, new LogRequest(0, true, false, NO_NAMESPACE));
        log.awaitLine("stdout:tick3");

        log.handle.close();

        assertThat(log.awaitEnd()).isEqualTo(EndReason.STOPPED);
        assertThat(log.ends).isEqualTo(1);
        assertThat(status(id)).isEqualTo("running");
    }

    @Test
    void closing_unblocks_a_sink_that_holds_the_stream_back() throws Exception {
        String id = run("flood", "sh", "-c", "while :; do echo flood; done");
        CountDownLatch inLine = new CountDownLatch(1);
        Recorder log = new Recorder() {
            @Override
            public void line(String stream, String message) throws InterruptedException {
                inLine.countDown();
                new CountDownLatch(1).await(); // never counted down: only an interrupt ends this
            }
        };
        log.handle = endpoint.logs(id, new LogRequest(0, true, false, NO_NAMESPACE), log);
        assertThat(inLine.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        log.handle.close();

        assertThat(log.awaitEnd()).isEqualTo(EndReason.STOPPED);
    }

    @Test
    void the_log_of_an_unknown_container_ends_with_not_found() throws Exception {
        Recorder log = logs(prefix + "nonesuch", new LogRequest(10, true, false, NO_NAMESPACE));

        assertThat(log.awaitEnd()).isEqualTo(EndReason.ERROR);
        assertThat(log.failure.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void closing_the_endpoint_ends_its_streams() throws Exception {
        try (DockerEndpoint own =
                DockerEndpoint.open(Reach.local(Path.of("/var/run/docker.sock")), executor, Clock.systemUTC())) {
            String id = run("endpoint-closed", "sh", "-c", "echo ready; sleep 600");
            Recorder log = new Recorder();
            log.handle = own.logs(id, new LogRequest(10, true, false, NO_NAMESPACE), log);
            log.awaitLine("stdout:ready");

            own.close();

            assertThat(log.awaitEnd()).isEqualTo(EndReason.STOPPED);
            assertFailure(() -> own.ping(), Kind.UNAVAILABLE);
        }
    }

    @Test
    void events_tell_a_containers_start_and_stop_until_closed() throws Exception {
        String name = prefix + "evented";
        String id = DockerTestenv.cli("create", "--init", "--name", name, IMAGE, "sleep", "600");
        List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
        AutoCloseable feed = endpoint.events(seen::add);
        Thread.sleep(300); // the feed shows what happens after it is open

        DockerTestenv.cli("start", name);
        DockerTestenv.cli("stop", "-t", "1", name);

        awaitEvent(seen, e -> e.action().equals("stop") && e.name().equals(name));
        List<ContainerEvent> ours =
                seen.stream().filter(e -> e.name().equals(name)).toList();
        assertThat(ours).extracting(ContainerEvent::action).containsSubsequence("start", "die", "stop");
        assertThat(ours).allSatisfy(e -> {
            assertThat(e.containerId()).isEqualTo(id.substring(0, 12));
            assertThat(e.time())
                    .isBetween(
                            Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
        });

        feed.close();
        Thread.sleep(300);
        int before = seen.size();
        DockerTestenv.cli("start", name);
        Thread.sleep(1000);
        assertThat(seen).hasSize(before);
    }

    private String run(String name, String... commandAndOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--init", "--name", prefix + name));
        int image = 0;
        while (image < commandAndOptions.length && commandAndOptions[image].startsWith("-")) {
            args.add(commandAndOptions[image]);
            args.add(commandAndOptions[image + 1]);
            image += 2;
        }
        args.add(IMAGE);
        if (image == commandAndOptions.length) {
            args.addAll(List.of("sleep", "600"));
        } else {
            args.addAll(Arrays.asList(commandAndOptions).subList(image, commandAndOptions.length));
        }
        return DockerTestenv.cli(args.toArray(String[]::new));
    }

    /** A container that ran {@code command} to its end. */
    private String exited(String name, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", prefix + name, IMAGE));
        args.addAll(Arrays.asList(command));
        String id = DockerTestenv.cli(args.toArray(String[]::new));
        DockerTestenv.cli("wait", id);
        return id;
    }

    /**
     * Waits until the daemon's log of an exited container has its last line: {@code docker wait} returns when the
     * process ends, and the daemon may copy the last of its output to the log a moment later.
     */
    private static void awaitLogged(String container, String lastLine) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!DockerTestenv.cli("logs", container).contains(lastLine)) {
            assertThat(System.nanoTime()).as("%s logged in time", lastLine).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String status(String container) throws Exception {
        return DockerTestenv.cli("inspect", "--format", "{{.State.Status}}", container);
    }

    private static ContainerState stateOf(List<ContainerInfo> containers, String fullId) {
        return containers.stream()
                .filter(c -> c.fullId().equals(fullId))
                .findFirst()
                .orElseThrow()
                .state();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> dockerPs() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : DockerTestenv.cli("ps", "-a", "--filter", "name=" + prefix, "--format", "{{json .}}")
                .split("\n")) {
            rows.add(json.readValue(line, Map.class));
        }
        return rows;
    }

    /** The CLI's {@code Ports} column: {@code 127.0.0.1:49153->80/tcp, 81/tcp}. */
    private static Set<String> portsAsTheCliWritesThem(List<PortMapping> ports) {
        return ports.stream()
                .map(p -> p.publicPort() == 0
                        ? p.privatePort() + "/" + p.type()
                        : p.ip() + ":" + p.publicPort() + "->" + p.privatePort() + "/" + p.type())
                .collect(Collectors.toSet());
    }

    private static Set<String> portSet(String column) {
        return column.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(column.split(", ")));
    }

    private static Map<String, String> labels(String column) {
        return column.isEmpty()
                ? Map.of()
                : Arrays.stream(column.split(","))
                        .map(pair -> pair.split("=", 2))
                        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private Recorder logs(String id, LogRequest request) {
        Recorder log = new Recorder();
        log.handle = endpoint.logs(id, request, log);
        return log;
    }

    private static void awaitEvent(List<ContainerEvent> seen, Predicate<ContainerEvent> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.stream().noneMatch(wanted)) {
            assertThat(System.nanoTime()).as("event seen in time: %s", seen).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertFailure(Runnable call, Kind kind) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind())
                .isEqualTo(kind));
    }

    /** Lines as "stream:text", skips as "stream:bytes", and how the stream ended. */
    private static class Recorder implements LogSink {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> skipped = new CopyOnWriteArrayList<>();
        final CountDownLatch end = new CountDownLatch(1);
        volatile AutoCloseable handle;
        volatile EndReason reason;
        volatile RuntimeFailure failure;
        volatile int ends;

        @Override
        public void line(String stream, String message) throws InterruptedException {
            lines.add(stream + ":" + message);
        }

        @Override
        public void skipped(String stream, long bytes) {
            skipped.add(stream + ":" + bytes);
        }

        @Override
        public synchronized void ended(EndReason reason, RuntimeFailure failure) {
            this.reason = reason;
            this.failure = failure;
            ends++;
            end.countDown();
        }

        EndReason awaitEnd() throws InterruptedException {
            assertThat(end.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the log ended in time; lines: %s", lines)
                    .isTrue();
            Thread.sleep(100); // a second end would come now
            assertThat(ends).isEqualTo(1);
            return reason;
        }

        void awaitLine(String line) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!lines.contains(line)) {
                assertThat(System.nanoTime())
                        .as("%s came in time: %s", line, lines)
                        .isLessThan(deadline);
                assertThat(reason).as("still streaming").isNull();
                Thread.sleep(20);
            }
        }
    }
}
