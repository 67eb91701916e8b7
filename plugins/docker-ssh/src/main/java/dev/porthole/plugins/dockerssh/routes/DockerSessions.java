package dev.porthole.plugins.dockerssh.routes;

import dev.porthole.api.Caller;
import dev.porthole.plugins.dockerssh.docker.DockerOperations;
import java.util.Optional;

/**
 * The Docker hosts behind spec 000's session ids: what {@code POST /docker/ssh/connect} opened, each session with its
 * SSH connection and the {@link DockerOperations} over it.
 */
@FunctionalInterface
public interface DockerSessions {
    /**
     * The operations of {@code sessionId} if that session is connected and belongs to {@code caller}; empty when no
     * session is connected under that id, which the routes answer with the spec's 400 "SSH session not found or not
     * connected" ({@code SESSION_NOT_FOUND}). Another user's session throws a 403 {@link
     * dev.porthole.api.http.HttpError} ({@code FORBIDDEN}). Looking a session up
     * counts as activity for its idle timeout.
     */
    Optional<DockerOperations> connected(String sessionId, Caller caller);
}
