package dev.porthole.plugins.tunnels.run;

import dev.porthole.plugins.tunnels.status.StatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** The tunnels this server has been asked to run, by name; a name's tunnel lives until the plugin stops. */
public final class TunnelRegistry {
    private final Map<String, Tunnel> tunnels = new ConcurrentHashMap<>();
    private final StatusBoard board;
    private final Executor executor;
    private final Clock clock;
    private final Function<TunnelPlan, Running> opener;
    private final Function<TunnelPlan, Backoff> backoffs;

    public TunnelRegistry(
            StatusBoard board,
            Executor executor,
            Clock clock,
            Function<TunnelPlan, Running> opener,
            Function<TunnelPlan, Backoff> backoffs) {
        this.board = board;
        this.executor = executor;
        this.clock = clock;
        this.opener = opener;
        this.backoffs = backoffs;
    }

    public void connect(TunnelPlan plan) {
        String name = plan.name().toString();
        tunnels.computeIfAbsent(name, n -> new Tunnel(n, board, executor, clock, opener, backoffs))
                .connect(plan);
    }

    public Optional<Tunnel> get(String name) {
        return Optional.ofNullable(tunnels.get(name));
    }

    public void tick() {
        tunnels.values().forEach(Tunnel::tick);
    }

    public void refreshTraffic() {
        tunnels.values().forEach(Tunnel::refreshTraffic);
    }

    /** Probes every tunnel at once, each on its own task: one silent host must not delay noticing another. */
    public void probe(Duration timeout) {
        tunnels.values().forEach(t -> executor.execute(() -> t.probe(timeout)));
    }

    /** Closes every tunnel, releasing its ports: the plugin stops. */
    public void stop() {
        List<Tunnel> all = List.copyOf(tunnels.values());
        tunnels.clear();
        all.forEach(Tunnel::stop);
    }
}
