package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.ssh.SshTarget;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.transport.DialStdioClientConfig;
import dev.porthole.docker.transport.DialStdioDockerHttpClient;
import dev.porthole.docker.transport.SshDialStdio;
import dev.porthole.plugins.dockerssh.docker.DockerOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connected session: its owner, its host reached over the pooled SSH service, and the Docker Engine API carried by
 * {@code docker system dial-stdio} streams on that connection. Closing it ends its streams; the SSH connection itself
 * stays in the service's pool, which closes it when idle.
 *
 * <p>An idle stream is kept as long as the session may live ({@code keepStreamsFor}, the session idle timeout). The
 * open stream holds the SSH connection, so a host whose login needed a person (a TOTP code) stays logged in for the
 * whole session instead of being closed by the pool after a few quiet minutes, and a list after a pause needs no
 * new channel.
 */
final class DockerSession implements AutoCloseable {
    private final long ownerId;
    private final long hostId;
    private final DockerEngine engine;
    private final DockerOperations operations;
    private final AtomicReference<Instant> lastActive;

    DockerSession(long ownerId, SshTarget target, Instant now, Duration keepStreamsFor) {
        this.ownerId = ownerId;
        this.hostId = target.hostId();
        this.engine = DockerEngine.over(new DialStdioDockerHttpClient(
                SshDialStdio.opener(target), DialStdioClientConfig.DEFAULTS.withIdleTimeout(keepStreamsFor)));
        this.operations = new DockerOperations(engine, DockerOperations.DEFAULT_MAX_LOG_BYTES);
        this.lastActive = new AtomicReference<>(now);
    }

    long ownerId() {
        return ownerId;
    }

    long hostId() {
        return hostId;
    }

    DockerOperations operations() {
        return operations;
    }

    Instant lastActive() {
        return lastActive.get();
    }

    void touch(Instant now) {
        lastActive.set(now);
    }

    @Override
    public void close() {
        try {
            engine.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker streams of host " + hostId + " failed", e);
        }
    }
}
