package dev.porthole.docker.testing;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Collects the text of a container's output frames (attach, exec, logs) as docker-java delivers them. */
public final class FrameCollector extends ResultCallback.Adapter<Frame> {
    private final StringBuffer text = new StringBuffer();

    @Override
    public void onNext(Frame frame) {
        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
    }

    public String text() {
        return text.toString();
    }

    /** Whether {@code expected} arrived within {@code timeout}: for output that comes while the stream stays open. */
    public boolean awaitText(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains(expected)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
