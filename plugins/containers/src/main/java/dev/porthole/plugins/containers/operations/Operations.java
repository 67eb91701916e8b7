package dev.porthole.plugins.containers.operations;

import dev.porthole.plugins.containers.environments.ContainerLocator.Located;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.errors.Failures;
import dev.porthole.plugins.containers.gate.Requester;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs spec 004's lifecycle actions in the background and keeps their outcome for an hour (at most {@link #KEPT}), for
 * clients without a socket that ask {@code GET /api/v1/operations/{id}}. Each outcome is also sent by the {@link
 * Notifier} as it happens.
 */
public final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    static final Duration KEEP = Duration.ofHours(1);
    static final int KEPT = 10_000;

    private final Executor executor;
    private final Notifier notifier;
    private final Clock clock;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    public Operations(Executor executor, Notifier notifier, Clock clock) {
        this.executor = executor;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Starts {@code action} on the located container and returns the running operation. */
    public Operation submit(Requester requester, ContainerAction action, Located target, int timeoutSeconds) {
        long now = clock.instant().getEpochSecond();
        Operation operation = new Operation(
                UUID.randomUUID().toString(),
                requester.userId(),
                action.word(),
                target.container().id(),
                target.environment().id(),
                "running",
                null,
                null,
                now,
                0);
        operations.put(operation.id(), operation);
        trim();
        executor.execute(() -> run(operation, requester, action, target, timeoutSeconds));
        return operation;
    }

    /** The operation, for its requester or an admin; anyone else is told it does not exist. */
    public Optional<Operation> find(String id, Requester requester) {
        return Optional.ofNullable(operations.get(id))
                .filter(o -> requester.isAdmin() || o.userId() == requester.userId());
    }

    /** Forgets finished operations older than {@link #KEEP}. */
    public void expire() {
        long oldest = clock.instant().minus(KEEP).getEpochSecond();
        operations.values().removeIf(o -> o.finishedAt() != 0 && o.finishedAt() < oldest);
    }

    private void run(Operation operation, Requester requester, ContainerAction action, Located target, int timeout) {
        String word = action.word();
        Operation done;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("containerId", operation.containerId());
        try {
            target.endpoint().act(target.container().fullId(), target.namespace(), action, timeout);
            String message = "Container " + pastTense(word) + " successfully";
            done = operation.finished(true, null, message, clock.instant().getEpochSecond());
            data.put("status", pastTense(word));
            data.put("message", message);
        } catch (RuntimeFailure | ContainerError e) {
            ContainerError error = e instanceof RuntimeFailure failure
                    ? Failures.of(failure, ErrorCode.failedAction(word))
                    : (ContainerError) e;
            String message = "Failed to " + word + " container: " + error.getMessage();
            done = operation.finished(
                    false, error.code().name(), message, clock.instant().getEpochSecond());
            data.put("error", error.code().name());
            data.put("message", message);
        } catch (RuntimeException e) {
            LOG.warn("{} of container {} failed", word, operation.containerId(), e);
            String message = "Failed to " + word + " container: " + e.getClass().getSimpleName();
            done = operation.finished(
                    false,
                    ErrorCode.failedAction(word).name(),
                    message,
                    clock.instant().getEpochSecond());
            data.put("error", done.error());
            data.put("message", message);
        }
        data.put("timestamp", done.finishedAt());
        data.put("operationId", operation.id());
        operations.put(operation.id(), done);
        notifier.notify(requester, "container." + word + "." + (done.error() == null ? "completed" : "failed"), data);
    }

    /** Past {@link #KEPT}, the oldest operations go first, finished or not: memory stays bounded whatever comes. */
    private void trim() {
        int over = operations.size() - KEPT;
        if (over <= 0) {
            return;
        }
        operations.values().stream()
                .sorted(Comparator.comparingLong(Operation::createdAt))
                .limit(over)
                .map(Operation::id)
                .toList()
                .forEach(operations::remove);
    }

    static String pastTense(String action) {
        return switch (action) {
            case "stop" -> "stopped";
            case "start" -> "started";
            case "restart" -> "restarted";
            case "pause" -> "paused";
            default -> action + "d";
        };
    }
}
