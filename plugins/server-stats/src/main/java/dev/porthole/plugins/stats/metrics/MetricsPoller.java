package dev.porthole.plugins.stats.metrics;

import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.plugins.stats.collect.HostMetrics;
import dev.porthole.plugins.stats.collect.MetricsOutput;
import dev.porthole.plugins.stats.collect.MetricsParser;
import dev.porthole.plugins.stats.collect.MetricsScript;
import dev.porthole.plugins.stats.polling.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metrics poll of a host: one exec of {@link MetricsScript} on the pooled connection, as the host's owner, parsed
 * into a {@link HostMetrics} snapshot. A login the host refused (bad credentials, a code nobody is there to type, a
 * changed host key) suspends the host's polling until someone starts it again, so that a poller never piles failed
 * logins on a server that fail2ban watches; other failures are retried at the interval.
 */
public final class MetricsPoller {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsPoller.class);
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int OUTPUT_LIMIT = 1 << 20;
    private static final Set<SshException.Code> NOT_RETRIED = EnumSet.of(
            SshException.Code.AUTH_FAILED,
            SshException.Code.CHALLENGE_REQUIRED,
            SshException.Code.HOST_KEY_CHANGED,
            SshException.Code.INVALID_KEY,
            SshException.Code.BAD_PASSPHRASE,
            SshException.Code.HOST_KEY_UNKNOWN);

    /** How a poll runs the script: as one exec (always, but for the benchmark's comparison) or one per section. */
    public enum Mode {
        ONE_EXEC,
        EXEC_PER_SECTION
    }

    private final Inventory inventory;
    private final SshConnections ssh;
    private final MetricsBoard board;
    private final Clock clock;
    private final Mode mode;
    private final LongConsumer loggedIn;
    private final Consumer<MetricsBoard.Snapshot> collected;
    private final MetricsScript script = new MetricsScript();
    private final PollTimes times = new PollTimes();
    private final LongAdder polls = new LongAdder();
    private final LongAdder execs = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /**
     * @param loggedIn told of a host whose poll logged in (it is online)
     * @param collected told of every snapshot, for the history
     */
    public MetricsPoller(
            Inventory inventory,
            SshConnections ssh,
            MetricsBoard board,
            Clock clock,
            Mode mode,
            LongConsumer loggedIn,
            Consumer<MetricsBoard.Snapshot> collected) {
        this.inventory = inventory;
        this.ssh = ssh;
        this.board = board;
        this.clock = clock;
        this.mode = mode;
        this.loggedIn = loggedIn;
        this.collected = collected;
    }

    /** {@return false when the host's polling must wait for someone to start it again, or the host is gone} */
    public boolean poll(long hostId) {
        Inventory.Entry entry = inventory.get(hostId).orElse(null);
        if (entry == null || !entry.host().enableStats()) {
            return false;
        }
        long started = System.nanoTime();
        polls.increment();
        try {
            SshTarget target = ssh.target(entry.owner(), hostId);
            HostMetrics metrics = MetricsParser.parse(mode == Mode.ONE_EXEC ? oneExec(target) : execPerSection(target));
            MetricsBoard.Snapshot snapshot = new MetricsBoard.Snapshot(hostId, metrics, clock.instant());
            if (inventory.get(hostId).isEmpty()) {
                return false;
            }
            board.put(snapshot);
            loggedIn.accept(hostId);
            collected.accept(snapshot);
            return true;
        } catch (SshException e) {
            failures.increment();
            boolean suspended = NOT_RETRIED.contains(e.code());
            board.failed(hostId, new MetricsBoard.Failure(e.code().name(), e.getMessage(), clock.instant(), suspended));
            LOG.info("metrics poll of host {} failed{}: {}", hostId, suspended ? " (not retried)" : "", e.getMessage());
            return !suspended;
        } catch (RuntimeException e) {
            failures.increment();
            board.failed(hostId, new MetricsBoard.Failure("INTERNAL", e.toString(), clock.instant(), false));
            LOG.warn("metrics poll of host {} failed", hostId, e);
            return true;
        } finally {
            times.record((System.nanoTime() - started) / 1e9);
        }
    }

    private Map<String, String> oneExec(SshTarget target) {
        return MetricsOutput.split(run(target, script.command()).stdout());
    }

    private Map<String, String> execPerSection(SshTarget target) {
        Map<String, String> sections = new LinkedHashMap<>();
        for (MetricsScript.Section section : script.sections()) {
            sections.putAll(
                    MetricsOutput.split(run(target, script.commandFor(section)).stdout()));
        }
        return sections;
    }

    private ExecResult run(SshTarget target, String command) {
        execs.increment();
        return target.exec(ExecRequest.of(command).withTimeout(TIMEOUT).withOutputLimit(OUTPUT_LIMIT));
    }

    /** Counters since the plugin started, for its own Prometheus figures. */
    public record Counters(long polls, long execs, long failures, PollTimes.Summary times) {}

    public Counters counters() {
        return new Counters(polls.sum(), execs.sum(), failures.sum(), times.summary());
    }
}
