package dev.porthole.plugins.tunnels.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.api.Caller;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.ForwardTraffic;
import dev.porthole.api.ssh.SshException;
import dev.porthole.plugins.tunnels.status.ErrorType;
import dev.porthole.plugins.tunnels.status.StatusBoard;
import dev.porthole.plugins.tunnels.status.TunnelState;
import dev.porthole.plugins.tunnels.status.TunnelStatus;
import dev.porthole.test.MutableClock;
import dev.porthole.test.TestCaller;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The life of one tunnel, with the SSH side played by the test and the plugin's threads run by hand. */
class TunnelTest {
    private final MutableClock clock = new MutableClock();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final Deque<Supplier<Running>> outcomes = new ArrayDeque<>();
    private final StatusBoard board = new StatusBoard();
    private final List<FakeForward> opened = new ArrayList<>();
    private final Tunnel tunnel = new Tunnel(
            "1::0::web-1::8080::db::5432",
            board,
            tasks::add,
            clock,
            plan -> outcomes.remove().get(),
            plan -> new Backoff(plan.definition().retryInterval(), Duration.ofSeconds(30), () -> 0));

    private static TunnelPlan plan(int maxRetries) {
        Caller caller = TestCaller.user(5);
        var definition = new dev.porthole.api.hosts.TunnelDefinition(
                0,
                Optional.empty(),
                "local",
                8080,
                Optional.of("db"),
                java.util.OptionalInt.of(5432),
                maxRetries,
                Duration.ofSeconds(1),
                false);
        var host = TunnelNameTest.host(1, "web-1");
        return new TunnelPlan(
                TunnelName.of(host, definition), caller, host, definition, Optional.empty(), Mode.LOCAL, "127.0.0.1");
    }

    private Supplier<Running> succeeds() {
        return () -> {
            FakeForward forward = new FakeForward();
            opened.add(forward);
            return new Running(List.of(forward), "127.0.0.1:8080 on this server");
        };
    }

    private static Supplier<Running> fails(SshException.Code code) {
        return () -> {
            throw new SshException(code, "it failed: " + code);
        };
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove().run();
        }
    }

    private TunnelStatus status() {
        return tunnel.status();
    }

    @Test
    void a_tunnel_connects_and_shows_where_it_listens() {
        outcomes.add(succeeds());
        tunnel.connect(plan(3));
        assertThat(status().state()).isEqualTo(TunnelState.CONNECTING);
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.CONNECTED);
        assertThat(status().listening()).contains("127.0.0.1:8080 on this server");
        assertThat(status().connectedSince()).contains(clock.instant());
        assertThat(board.get(tunnel.name()))
                .get()
                .extracting(e -> e.status().state())
                .isEqualTo(TunnelState.CONNECTED);
    }

    @Test
    void a_network_failure_is_retried_after_the_interval_counting_down_while_it_waits() {
        outcomes.add(fails(SshException.Code.UNREACHABLE));
        outcomes.add(succeeds());
        tunnel.connect(plan(3));
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.RETRYING);
        assertThat(status().retryCount()).isEqualTo(1);
        assertThat(status().nextRetryIn()).contains(1L);
        assertThat(status().errorType()).contains(ErrorType.NETWORK_ERROR);

        clock.advance(Duration.ofMillis(400));
        tunnel.tick();
        assertThat(status().state()).isEqualTo(TunnelState.WAITING);
        assertThat(tasks).isEmpty();

        clock.advance(Duration.ofMillis(600));
        tunnel.tick();
        assertThat(status().state()).isEqualTo(TunnelState.CONNECTING);
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.CONNECTED);
    }

    @Test
    void a_refused_login_is_not_retried() {
        outcomes.add(fails(SshException.Code.AUTH_FAILED));
        tunnel.connect(plan(3));
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.FAILED);
        assertThat(status().errorType()).contains(ErrorType.AUTHENTICATION_FAILED);
        clock.advance(Duration.ofMinutes(5));
        tunnel.tick();
        assertThat(tasks).isEmpty();
    }

    @Test
    void retries_run_out_with_the_last_reason_and_the_waits_double() {
        for (int i = 0; i < 3; i++) {
            outcomes.add(fails(SshException.Code.TIMEOUT));
        }
        tunnel.connect(plan(2));
        runTasks();
        assertThat(status().nextRetryIn()).contains(1L);
        clock.advance(Duration.ofSeconds(1));
        tunnel.tick();
        runTasks();
        assertThat(status().retryCount()).isEqualTo(2);
        assertThat(status().nextRetryIn()).contains(2L);
        clock.advance(Duration.ofSeconds(2));
        tunnel.tick();
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.FAILED);
        assertThat(status().retryExhausted()).isTrue();
        assertThat(status().reason()).contains("Max retries exhausted: it failed: TIMEOUT");
    }

    @Test
    void cancel_stops_a_pending_retry_for_good() {
        outcomes.add(fails(SshException.Code.UNREACHABLE));
        tunnel.connect(plan(3));
        runTasks();
        assertThat(tunnel.cancel()).isTrue();
        assertThat(status().state()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(status().manualDisconnect()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        tunnel.tick();
        assertThat(tasks).isEmpty();
        assertThat(tunnel.cancel()).as("nothing left to cancel").isFalse();
    }

    @Test
    void a_broken_connection_is_shown_at_once_and_retried() {
        outcomes.add(succeeds());
        outcomes.add(succeeds());
        tunnel.connect(plan(3));
        runTasks();
        opened.get(0).breakConnection();
        assertThat(status().state()).isEqualTo(TunnelState.RETRYING);
        assertThat(status().connected()).isFalse();
        assertThat(status().reason()).contains("the SSH connection was lost");
        runTasks();
        assertThat(opened.get(0).closed).as("the broken forward is closed").isTrue();
        clock.advance(Duration.ofSeconds(1));
        tunnel.tick();
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.CONNECTED);
    }

    @Test
    void an_attempt_that_finishes_after_a_disconnect_is_closed_and_not_shown() {
        outcomes.add(succeeds());
        tunnel.connect(plan(3));
        tunnel.disconnect();
        runTasks();
        assertThat(status().state()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(opened.get(0).closed).isTrue();
    }

    @Test
    void a_second_connect_while_connected_changes_nothing() {
        outcomes.add(succeeds());
        tunnel.connect(plan(3));
        runTasks();
        tunnel.connect(plan(3));
        assertThat(tasks).isEmpty();
        assertThat(status().state()).isEqualTo(TunnelState.CONNECTED);
    }

    /** A forward the test breaks or closes; it counts nothing. */
    static final class FakeForward implements Forward {
        private final List<Runnable> onClose = new ArrayList<>();
        boolean closed;

        void breakConnection() {
            List.copyOf(onClose).forEach(Runnable::run);
        }

        @Override
        public Kind kind() {
            return Kind.LOCAL;
        }

        @Override
        public InetSocketAddress boundAddress() {
            return new InetSocketAddress("127.0.0.1", 8080);
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public ForwardTraffic traffic() {
            return new ForwardTraffic(0, 0, 0, 0);
        }

        @Override
        public void onClose(Runnable action) {
            onClose.add(action);
        }

        @Override
        public boolean probe(Duration timeout) {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
