package dev.porthole.plugins.dockerruntime.docker;

/** A log stream or event feed that an endpoint runs on the plugin's executor; the endpoint closes it when it closes. */
interface OpenStream extends AutoCloseable {
    /** Ends the stream from any thread; idempotent. */
    @Override
    void close();

    /**
     * Waits until the stream's reader is done (for a log, {@code ended} delivered).
     *
     * @param deadline the latest {@link System#nanoTime} to wait until
     */
    void awaitEnd(long deadline) throws InterruptedException;
}
