package dev.porthole.test;

import dev.porthole.api.Api;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An open server-sent event stream ({@code text/event-stream}), read one event at a time. Lines arrive on the HTTP
 * client's threads and wait here until the test asks for them. Close it to leave the stream; the server then closes
 * its end ({@code SseStream.onClose} runs in the plugin).
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class EventStream implements AutoCloseable {
    /** Queued after the last line: the server ended the stream, or the connection failed. */
    private static final Object END = new Object();

    private final String path;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private volatile int status;
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;

    EventStream(String path) {
        this.path = path;
    }

    /** How the HTTP client hands the response to this stream. */
    HttpResponse.BodyHandler<Void> handler() {
        return info -> {
            status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(
                    new Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(Flow.Subscription opened) {
                            subscription = opened;
                            opened.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            lines.add(line);
                        }

                        @Override
                        public void onError(Throwable error) {
                            failure = error;
                            lines.add(END);
                        }

                        @Override
                        public void onComplete() {
                            lines.add(END);
                        }
                    },
                    subscriber -> null,
                    StandardCharsets.UTF_8,
                    null);
        };
    }

    /**
     * The next event, waiting at most {@code timeout} for it.
     *
     * @param timeout how long to wait
     * @return the event
     * @throws AssertionError when none comes in time, the stream ends first, or the server answered with an error
     */
    public ServerSentEvent next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String event = null;
        List<String> data = new ArrayList<>();
        boolean any = false;
        while (true) {
            Object line = poll(deadline, timeout);
            if (status != 200 && status != 0) {
                throw new AssertionError("GET " + path + ": expected HTTP 200 and an event stream, got HTTP " + status
                        + ": " + rest(line, deadline));
            }
            if (line == END) {
                throw new AssertionError("the event stream " + path + " ended"
                        + (failure == null ? "" : " with " + failure) + " before the next event");
            }
            String text = (String) line;
            if (text.isEmpty()) {
                if (any) {
                    return new ServerSentEvent(Optional.ofNullable(event), String.join("\n", data));
                }
                continue;
            }
            if (text.startsWith(":")) {
                continue; // a comment: keep-alive
            }
            any = true;
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                data.add(value);
            }
        }
    }

    /** Leaves the stream. */
    @Override
    public void close() {
        Flow.Subscription open = subscription;
        if (open != null) {
            open.cancel();
        }
    }

    private Object poll(long deadline, Duration timeout) {
        try {
            Object line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no event on " + path + " within " + timeout);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an event on " + path, e);
        }
    }

    /** The body of an error answer: the line already read and what follows until the end or the deadline. */
    private String rest(Object first, long deadline) {
        StringBuilder body = new StringBuilder();
        Object line = first;
        while (line != END && line != null) {
            body.append(line);
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return body.toString();
    }
}
