package dev.porthole.plugins.containers.spi;

/** Receives a log stream, one call at a time. */
public interface LogSink {
    /** Why a log stream ended, as the API's {@code container.logs.ended} reasons. */
    enum EndReason {
        /** Closed by the containers plugin: the client unsubscribed or left. */
        STOPPED,
        /** The log ended because the container is no longer running (or it was not following). */
        CONTAINER_STOPPED,
        /** The runtime failed; {@code detail} says how. */
        ERROR
    }

    /**
     * One line, without its line end. May block to hold the stream back.
     *
     * @param stream {@code stdout} or {@code stderr}
     * @param message the line's text, decoded as UTF-8
     * @throws InterruptedException when the stream is closed while the line waits
     */
    void line(String stream, String message) throws InterruptedException;

    /**
     * A line longer than the runtime passes on (1 MiB) was dropped unread.
     *
     * @param stream {@code stdout} or {@code stderr}
     * @param bytes the line's size
     */
    default void skipped(String stream, long bytes) {}

    /**
     * The stream ended; called once, after the last line.
     *
     * @param reason why
     * @param failure for {@link EndReason#ERROR}, the runtime's failure; null otherwise
     */
    void ended(EndReason reason, RuntimeFailure failure);
}
