package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.session.ClientSession;

/**
 * One connection being opened in the background, which may stop to wait for a person: whoever waits on it learns
 * either the authenticated session, the failure, or a challenge to answer (and waits again after answering).
 */
final class Login {
    private final ConnectionPool.PoolKey poolKey;
    private final long userId;
    private final CompletableFuture<ClientSession> result = new CompletableFuture<>();
    private CompletableFuture<Challenge> nextChallenge = new CompletableFuture<>();

    Login(ConnectionPool.PoolKey poolKey, long userId) {
        this.poolKey = poolKey;
        this.userId = userId;
    }

    ConnectionPool.PoolKey poolKey() {
        return poolKey;
    }

    /** The user whose request started this login; only they may answer its challenges. */
    long userId() {
        return userId;
    }

    synchronized void raise(Challenge challenge) {
        nextChallenge.complete(challenge);
    }

    void succeed(ClientSession session) {
        if (!result.complete(session)) {
            session.close(true);
        }
    }

    void fail(SshException failure) {
        result.completeExceptionally(failure);
    }

    /**
     * The authenticated session; throws {@link SshException}: the failure, {@code CHALLENGE_REQUIRED} with the
     * challenge the login now waits on, or {@code TIMEOUT}.
     */
    ClientSession await(Duration timeout) {
        CompletableFuture<Challenge> challenge;
        synchronized (this) {
            challenge = nextChallenge;
        }
        try {
            CompletableFuture.anyOf(result, challenge).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Code.TIMEOUT, "interrupted while connecting");
        } catch (ExecutionException e) {
            // the result failed; reported below
        } catch (TimeoutException e) {
            SshException late =
                    new SshException(SshException.Code.TIMEOUT, "the connection was not ready within " + timeout);
            // nobody waits for it any more: a login that still succeeds later is closed by succeed(), not leaked
            result.completeExceptionally(late);
            throw late;
        }
        if (result.isDone()) {
            try {
                return result.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof SshException ssh
                        ? ssh
                        : new SshException(SshException.Code.UNREACHABLE, "connecting failed", e.getCause());
            }
        }
        synchronized (this) {
            if (nextChallenge == challenge) {
                nextChallenge = new CompletableFuture<>();
            }
        }
        throw SshException.challengeRequired(challenge.join());
    }
}
