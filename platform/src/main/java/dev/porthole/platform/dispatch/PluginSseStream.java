package dev.porthole.platform.dispatch;

import dev.porthole.api.http.SseStream;
import dev.porthole.platform.json.JsonTrees;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * An SSE stream a plugin writes to from any thread. Events wait in a bounded buffer; a client too slow to drain it
 * loses the stream rather than the server's memory. The stream is a tracked connection of its route, closed when the
 * route is withdrawn. Close callbacks run on the plugin's executor, never on a server thread.
 */
final class PluginSseStream implements SseStream, AutoCloseable {
    static final int BUFFER = 1024;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Sinks.Many<Event<String>> sink = Sinks.many()
            .unicast()
            .onBackpressureBuffer(Queues.<Event<String>>get(BUFFER).get());
    private final Sinks.Empty<Void> done = Sinks.empty();
    private final JsonTrees json;
    private final Executor pluginExecutor;
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean open = true;
    private boolean ended;

    PluginSseStream(JsonTrees json, Executor pluginExecutor) {
        this.json = json;
        this.pluginExecutor = pluginExecutor;
    }

    /** What the server writes: the plugin's events, and a comment now and then so that proxies keep it open. */
    Publisher<Event<String>> events() {
        Flux<Event<String>> heartbeat = Flux.interval(HEARTBEAT, HEARTBEAT)
                .map(tick -> Event.of("").comment("keep-alive"))
                .takeUntilOther(done.asMono());
        return Flux.merge(sink.asFlux().doOnTerminate(done::tryEmitEmpty), heartbeat)
                .doFinally(signal -> ended());
    }

    @Override
    public void send(String event, Object data) {
        Event<String> sse = Event.of(data instanceof String text ? text : json.write(data));
        if (event != null) {
            sse = sse.name(event);
        }
        emit(sse);
    }

    private void emit(Event<String> sse) {
        synchronized (this) {
            if (open && sink.tryEmitNext(sse).isFailure()) {
                // the client does not keep up: end its stream rather than buffer without bound
                open = false;
                sink.tryEmitComplete();
            }
        }
    }

    @Override
    public void comment(String text) {
        emit(Event.of("").comment(text.replace('\n', ' ').replace('\r', ' ')));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            sink.tryEmitComplete();
        }
        ended();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (this) {
            if (!ended) {
                onClose.add(action);
                return;
            }
        }
        runOnPluginThread(action);
    }

    private void ended() {
        List<Runnable> actions;
        synchronized (this) {
            open = false;
            if (ended) {
                return;
            }
            ended = true;
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        actions.forEach(this::runOnPluginThread);
    }

    private void runOnPluginThread(Runnable action) {
        try {
            pluginExecutor.execute(action);
        } catch (RejectedExecutionException stopping) {
            // the plugin is stopping; its callbacks have nothing left to clean up
        }
    }
}
