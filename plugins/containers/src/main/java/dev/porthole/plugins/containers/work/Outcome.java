package dev.porthole.plugins.containers.work;

import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import java.util.function.Supplier;

/**
 * A result of one piece of a {@link Fanout}: a value, or the refusal that took its place, so that one container's
 * failure is reported with it instead of failing the whole request.
 */
public record Outcome<T>(T value, RuntimeException error) {
    public static <T> Outcome<T> of(Supplier<T> work) {
        try {
            return new Outcome<>(work.get(), null);
        } catch (ContainerError | RuntimeFailure e) {
            return new Outcome<>(null, e);
        }
    }

    public boolean ok() {
        return error == null;
    }
}
