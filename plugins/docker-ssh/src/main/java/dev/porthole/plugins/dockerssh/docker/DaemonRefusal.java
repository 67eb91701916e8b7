package dev.porthole.plugins.dockerssh.docker;

/**
 * The daemon answered a plain request ({@link DockerEngine#get}) with an error status. Thrown only between the engine
 * and {@link DockerOperations}, which knows the container the request named and answers it as {@link
 * DockerErrors#fromDaemon} says, as it does docker-java's own exceptions.
 */
final class DaemonRefusal extends RuntimeException {
    private final int status;

    DaemonRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
