package dev.porthole.docker.engine;

/**
 * The daemon answered a plain request ({@link DockerEngine#get}, {@link DockerEngine#getJson}) with an error status.
 * docker-java's typed commands throw its own {@code DockerException}s instead; a caller that maps both to its API's
 * errors gets the same two facts from each: the status and the daemon's sentence.
 */
public final class DaemonRefusal extends RuntimeException {
    private final int status;

    /**
     * @param status the HTTP status the daemon answered
     * @param message the daemon's sentence ({@link DockerEngine#daemonMessage}), e.g. "No such container: web"
     */
    public DaemonRefusal(int status, String message) {
        // Control flow between the engine and its caller, which answers by status: no stack trace to fill.
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status the daemon answered, e.g. 404. */
    public int status() {
        return status;
    }
}
