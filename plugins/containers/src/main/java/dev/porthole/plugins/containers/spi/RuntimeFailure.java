package dev.porthole.plugins.containers.spi;

/**
 * The runtime did not do what was asked. The kind decides the API's answer; the message is the runtime's own words,
 * safe to show (it names no secret).
 */
public class RuntimeFailure extends RuntimeException {
    /** What kind of failure, for the API's status and code. */
    public enum Kind {
        /** No such container. */
        NOT_FOUND,
        /** Start of a running container. */
        ALREADY_STARTED,
        /** Stop of a container that is not running. */
        ALREADY_STOPPED,
        /** The container's state does not allow it (pause of a stopped container, remove of a running one). */
        CONFLICT,
        /** The runtime cannot be reached: daemon down, SSH refused. */
        UNAVAILABLE,
        /** The runtime answered with an error. */
        FAILED
    }

    private final Kind kind;

    public RuntimeFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RuntimeFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** {@return what kind of failure} */
    public Kind kind() {
        return kind;
    }
}
