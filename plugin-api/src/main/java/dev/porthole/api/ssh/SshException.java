package dev.porthole.api.ssh;

import dev.porthole.api.Api;
import java.util.Objects;
import java.util.Optional;

/** An SSH operation that could not be done, with a code a client can act on. The message never holds a secret. */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public class SshException extends RuntimeException {
    /** Why the operation failed. */
    private final Code code;

    private final transient Challenge challenge;
    private final transient HostKeyRefusal hostKey;

    /**
     * A failure without a cause.
     *
     * @param code why it failed
     * @param message what failed, with no secret in it
     */
    public SshException(Code code, String message) {
        this(code, message, null, null, null);
    }

    /**
     * A failure with its cause.
     *
     * @param code why it failed
     * @param message what failed, with no secret in it
     * @param cause the underlying error, for the log
     */
    public SshException(Code code, String message, Throwable cause) {
        this(code, message, null, null, cause);
    }

    private SshException(Code code, String message, Challenge challenge, HostKeyRefusal hostKey, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.challenge = challenge;
        this.hostKey = hostKey;
    }

    /**
     * The login waits for a person: answer {@code challenge} through {@link SshConnections#answer}.
     *
     * @param challenge the pending prompts
     * @return the exception, code {@code CHALLENGE_REQUIRED}
     */
    public static SshException challengeRequired(Challenge challenge) {
        return new SshException(
                Code.CHALLENGE_REQUIRED,
                "the server asks for " + challenge.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + "; answer challenge " + challenge.id(),
                challenge,
                null,
                null);
    }

    /**
     * A host key refused.
     *
     * @param code {@code HOST_KEY_CHANGED} or {@code HOST_KEY_UNKNOWN}
     * @param message what was refused
     * @param refusal the key offered and, for a change, the one stored
     * @return the exception
     */
    public static SshException hostKey(Code code, String message, HostKeyRefusal refusal) {
        if (code != Code.HOST_KEY_CHANGED && code != Code.HOST_KEY_UNKNOWN) {
            throw new IllegalArgumentException("not a host key code: " + code);
        }
        return new SshException(code, message, null, refusal, null);
    }

    /** {@return why the operation failed} */
    public Code code() {
        return code;
    }

    /** {@return the pending challenge, for {@code CHALLENGE_REQUIRED}} */
    public Optional<Challenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    /** {@return the refused key, for {@code HOST_KEY_CHANGED} and {@code HOST_KEY_UNKNOWN}} */
    public Optional<HostKeyRefusal> hostKey() {
        return Optional.ofNullable(hostKey);
    }

    /** Why an SSH operation failed. */
    @Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
    public enum Code {
        /** The address resolved but nothing answered (refused, no route, closed during the handshake). */
        UNREACHABLE,
        /** A connect, handshake, login or channel step took longer than its limit. */
        TIMEOUT,
        /** The host name does not resolve. */
        DNS_FAILURE,
        /** The server refused every credential offered, or the answers to a challenge. */
        AUTH_FAILED,
        /** The private key is not a key in OpenSSH or PEM format. */
        INVALID_KEY,
        /** The private key is encrypted and the passphrase is missing or wrong. */
        BAD_PASSPHRASE,
        /** The server offered a key other than the one stored for it. Always refused. */
        HOST_KEY_CHANGED,
        /** The host is strict and no key is stored for it yet. */
        HOST_KEY_UNKNOWN,
        /** The login waits for a person; see {@link SshException#challenge()}. */
        CHALLENGE_REQUIRED,
        /** No challenge with that id is pending for this caller: it expired, was answered, or is someone else's. */
        CHALLENGE_EXPIRED,
        /** A SOCKS5 proxy of the chain refused or failed the connection. */
        PROXY_FAILED,
        /** Connected, but the server refused a channel or a forward, or the connection broke during the operation. */
        CHANNEL_FAILED,
        /**
         * A forward could not listen: the address is in use (here, or on the SSH server for a remote forward), or the
         * server does not allow listening there. Waiting does not help; another port or bind address might.
         *
         * @since 0.2.0
         */
        LISTEN_REFUSED
    }
}
