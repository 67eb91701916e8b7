package dev.porthole.plugins.tunnels.run;

import dev.porthole.api.http.HttpError;
import dev.porthole.api.ssh.SshException;
import dev.porthole.plugins.tunnels.status.ErrorType;
import dev.porthole.plugins.tunnels.status.StatusBoard;
import dev.porthole.plugins.tunnels.status.TunnelState;
import dev.porthole.plugins.tunnels.status.TunnelStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tunnel's life: connecting, connected, and after a failure either failed for good (a refused login, host key or
 * listen) or retrying with backoff until it connects or runs out of retries. Every change is published on the status
 * board. Opening blocks (an SSH login), so it runs on the plugin's executor, outside the lock; each start, disconnect
 * and cancel begins a new generation, and an attempt or a breakage of an older generation is ignored when it reports
 * back.
 */
public final class Tunnel {
    private static final Logger LOG = LoggerFactory.getLogger(Tunnel.class);

    private final String name;
    private final StatusBoard board;
    private final Executor executor;
    private final Clock clock;
    private final Function<TunnelPlan, Running> opener;
    private final Function<TunnelPlan, Backoff> backoffs;

    private TunnelPlan plan;
    private Backoff backoff;
    private Running running;
    private long generation;
    private int failures;
    private Instant nextAttempt;
    private TunnelStatus status = TunnelStatus.disconnected();

    public Tunnel(
            String name,
            StatusBoard board,
            Executor executor,
            Clock clock,
            Function<TunnelPlan, Running> opener,
            Function<TunnelPlan, Backoff> backoffs) {
        this.name = name;
        this.board = board;
        this.executor = executor;
        this.clock = clock;
        this.opener = opener;
        this.backoffs = backoffs;
    }

    public String name() {
        return name;
    }

    public synchronized Optional<TunnelPlan> plan() {
        return Optional.ofNullable(plan);
    }

    public synchronized TunnelStatus status() {
        return status;
    }

    /** Starts the tunnel, unless it is connecting or connected already: a second connect is not a reconnect. */
    public synchronized void connect(TunnelPlan newPlan) {
        if (status.state() == TunnelState.CONNECTING || status.state() == TunnelState.CONNECTED) {
            return;
        }
        plan = newPlan;
        backoff = backoffs.apply(newPlan);
        failures = 0;
        nextAttempt = null;
        generation++;
        attempt();
    }

    /** Tears the tunnel down and stops any retry; spec 001 calls it a manual disconnect. */
    public void disconnect() {
        Running closing;
        synchronized (this) {
            closing = detach();
            publish(state(TunnelState.DISCONNECTED, Optional.empty(), Optional.empty(), true, false));
        }
        close(closing);
    }

    /** Stops a pending retry; true when there was one to stop. */
    public boolean cancel() {
        synchronized (this) {
            TunnelState state = status.state();
            if (state != TunnelState.RETRYING && state != TunnelState.WAITING && state != TunnelState.CONNECTING) {
                return false;
            }
        }
        disconnect();
        return true;
    }

    /** The plugin stops: close without publishing, the board goes with the plugin. */
    public void stop() {
        Running closing;
        synchronized (this) {
            closing = detach();
        }
        close(closing);
    }

    /** Ends the current generation: no attempt or breakage of it counts any more, no retry is pending. */
    private Running detach() {
        generation++;
        nextAttempt = null;
        Running detached = running;
        running = null;
        return detached;
    }

    /** Called often (a tenth of a second): counts a pending retry down, and starts it when due. */
    public synchronized void tick() {
        if (nextAttempt == null) {
            return;
        }
        long left = Duration.between(clock.instant(), nextAttempt).toMillis();
        if (left <= 0) {
            nextAttempt = null;
            attempt();
        } else {
            publish(waiting(TunnelState.WAITING, left));
        }
    }

    /** Called every second: a connected tunnel's traffic figures. */
    public synchronized void refreshTraffic() {
        if (nextAttempt == null && running != null && status.state() == TunnelState.CONNECTED) {
            publish(status.withTraffic(running.traffic()));
        }
    }

    /** Asks the connection whether it still answers; one that does not is closed, which reports the tunnel broken. */
    public void probe(Duration timeout) {
        Running current;
        synchronized (this) {
            current = running;
        }
        if (current != null && !current.probe(timeout)) {
            LOG.info("tunnel {}: the SSH connection did not answer a keepalive within {}", name, timeout);
        }
    }

    private void attempt() {
        long attemptOf = generation;
        publish(state(TunnelState.CONNECTING, status.reason(), status.errorType(), false, false));
        TunnelPlan attempted = plan;
        executor.execute(() -> open(attemptOf, attempted));
    }

    private void open(long attemptOf, TunnelPlan attempted) {
        Running opened;
        try {
            opened = opener.apply(attempted);
        } catch (SshException e) {
            failed(attemptOf, e.getMessage(), ErrorType.of(e.code()));
            return;
        } catch (HttpError e) {
            // the caller lost access to a host meanwhile, or the host is gone: retrying will not bring it back
            failed(attemptOf, e.getMessage(), ErrorType.CONNECTION_FAILED);
            return;
        } catch (RuntimeException e) {
            LOG.warn("tunnel {}: opening failed unexpectedly", name, e);
            failed(attemptOf, e.toString(), ErrorType.UNKNOWN);
            return;
        }
        synchronized (this) {
            if (attemptOf != generation) {
                close(opened);
                return;
            }
            running = opened;
            failures = 0;
            publish(new TunnelStatus(
                    TunnelState.CONNECTED,
                    status.retryCount(),
                    status.maxRetries(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    false,
                    opened.traffic(),
                    Optional.of(clock.instant()),
                    Optional.of(opened.listening())));
        }
        opened.onClose(() -> broken(attemptOf, opened));
    }

    /** A connected tunnel's connection died (either hop): it is shown broken at once and retried. */
    private void broken(long of, Running which) {
        synchronized (this) {
            if (of != generation || running != which) {
                return;
            }
            running = null;
            generation++;
            retryOrFail("the SSH connection was lost", ErrorType.NETWORK_ERROR);
        }
        close(which);
    }

    private synchronized void failed(long attemptOf, String reason, ErrorType type) {
        if (attemptOf != generation) {
            return;
        }
        if (!type.retryable()) {
            publish(state(TunnelState.FAILED, Optional.of(reason), Optional.of(type), false, false));
            return;
        }
        retryOrFail(reason, type);
    }

    private void retryOrFail(String reason, ErrorType type) {
        failures++;
        int maxRetries = plan.definition().maxRetries();
        if (failures > maxRetries) {
            String why = maxRetries == 0 ? reason : "Max retries exhausted: " + reason;
            publish(state(TunnelState.FAILED, Optional.of(why), Optional.of(type), false, maxRetries > 0));
            return;
        }
        Duration delay = backoff.delay(failures);
        nextAttempt = clock.instant().plus(delay);
        status = state(TunnelState.RETRYING, Optional.of(reason), Optional.of(type), false, false);
        publish(waiting(TunnelState.RETRYING, delay.toMillis()));
    }

    private TunnelStatus waiting(TunnelState state, long millisLeft) {
        long seconds = (millisLeft + 999) / 1000;
        return new TunnelStatus(
                state,
                failures,
                plan.definition().maxRetries(),
                Optional.of(seconds),
                status.reason(),
                status.errorType(),
                false,
                false,
                TunnelStatus.Traffic.NONE,
                Optional.empty(),
                Optional.empty());
    }

    private TunnelStatus state(
            TunnelState state,
            Optional<String> reason,
            Optional<ErrorType> type,
            boolean manualDisconnect,
            boolean exhausted) {
        return new TunnelStatus(
                state,
                failures,
                plan == null ? 0 : plan.definition().maxRetries(),
                Optional.empty(),
                reason,
                type,
                manualDisconnect,
                exhausted,
                TunnelStatus.Traffic.NONE,
                Optional.empty(),
                Optional.empty());
    }

    private void publish(TunnelStatus next) {
        status = next;
        if (plan != null) {
            board.put(name, plan.hostIds(), next);
        }
    }

    /** Closing a remote forward waits for the server's answer, so it is done off the caller's lock and thread. */
    private void close(Running which) {
        if (which == null) {
            return;
        }
        try {
            executor.execute(which::close);
        } catch (RejectedExecutionException stopping) {
            which.close();
        }
    }
}
