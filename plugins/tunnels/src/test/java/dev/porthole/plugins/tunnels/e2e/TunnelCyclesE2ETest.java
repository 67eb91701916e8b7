package dev.porthole.plugins.tunnels.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.test.Porthole;
import dev.porthole.test.SshTestenv;
import dev.porthole.test.WithPorthole;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 1,000 connects and disconnects of one tunnel, each waited for, leave no thread, file descriptor or SSH connection
 * behind. The server runs in this JVM (the harness's own class loader), so this process's threads and descriptors are
 * the server's; SSH connections are counted on the sshd side, as the user's session processes.
 */
@WithPorthole
class TunnelCyclesE2ETest {
    static final int CYCLES = 1000;
    static final int WARM_UP = 100;

    @Test
    void a_thousand_cycles_leak_nothing(Porthole porthole) throws Exception {
        SshTestenv env = SshTestenv.require();
        try (EchoServer echo = new EchoServer()) {
            TunnelsApi admin = new TunnelsApi(porthole, porthole.adminToken());
            int port = Traffic.freePort();
            Map<String, Object> tunnel = new HashMap<>(Map.of(
                    "mode", "local", "sourcePort", port, "endpointHost", "127.0.0.1", "endpointPort", echo.port()));
            tunnel.put("maxRetries", 0);
            long host = admin.createHost(env.keyHost("key"), List.of(tunnel));
            String name = admin.tunnelName(host, 0);
            // pools fill up to their size on first use (SSH I/O, the plugin's threads, the server's event loops): a
            // leak
            // is what still grows once they have
            for (int i = 0; i < WARM_UP; i++) {
                cycle(admin, name, port);
            }
            settle();
            int threads = Thread.activeCount();
            long descriptors = openDescriptors();
            long sessions = sshSessions(env.userName("key"));

            for (int i = 1; i <= CYCLES; i++) {
                cycle(admin, name, i % 100 == 0 ? port : -1);
            }
            settle();
            assertThat(Thread.activeCount())
                    .as("threads, now: %s", threadNames())
                    .isLessThanOrEqualTo(threads + 4);
            assertThat(openDescriptors()).as("file descriptors").isLessThanOrEqualTo(descriptors + 8);
            assertThat(sshSessions(env.userName("key")))
                    .as("sshd session processes")
                    .isLessThanOrEqualTo(sessions);
        }
    }

    /** Connects, optionally pushes data through {@code port}, disconnects; each step waited for. */
    private static void cycle(TunnelsApi admin, String name, int port) throws Exception {
        assertThat(admin.connect(name).status()).isEqualTo(200);
        admin.awaitState(name, "connected", Duration.ofSeconds(20));
        if (port > 0) {
            Traffic.echoesThrough("127.0.0.1", port, 16 * 1024);
        }
        assertThat(admin.disconnect(name).status()).isEqualTo(200);
        admin.awaitState(name, "disconnected", Duration.ofSeconds(20));
        TunnelModesE2ETest.awaitReleased(portOf(name));
    }

    private static int portOf(String name) {
        return Integer.parseInt(name.split("::", -1)[3]);
    }

    /** Lets idle pool threads end and closes finish, so that the counts compare like with like. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(2000);
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .sorted()
                .toList()
                .toString();
    }

    private static long openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }

    private static long sshSessions(String user) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").startsWith("sshd-test: " + user))
                .count();
    }
}
