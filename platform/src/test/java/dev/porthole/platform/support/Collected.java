package dev.porthole.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;

/** Asserts that an object, typically a removed plugin's class loader, can be garbage-collected. */
public final class Collected {
    private Collected() {}

    /**
     * Runs the collector, up to 50 times {@code pauseMillis} apart, until {@code reference} is cleared.
     *
     * @param description what the assertion says when it fails
     */
    public static void await(WeakReference<?> reference, long pauseMillis, String description)
            throws InterruptedException {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(pauseMillis);
        }
        assertThat(reference.get()).as(description).isNull();
    }
}
