package dev.porthole.plugins.tunnels.status;

import dev.porthole.api.ssh.SshException;

/**
 * Spec 001's {@code errorType}: what kind of failure a tunnel had, which also decides whether it is retried. A refused
 * login or host key and a refused listen (the port is taken) do not get better by waiting; a broken or unreachable
 * connection may.
 */
public enum ErrorType {
    CONNECTION_FAILED(false),
    AUTHENTICATION_FAILED(false),
    TIMEOUT(true),
    NETWORK_ERROR(true),
    UNKNOWN(true);

    private final boolean retryable;

    ErrorType(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The SSH layer's failure code as a tunnel's error type. */
    public static ErrorType of(SshException.Code code) {
        return switch (code) {
            case AUTH_FAILED,
                    INVALID_KEY,
                    BAD_PASSPHRASE,
                    HOST_KEY_CHANGED,
                    HOST_KEY_UNKNOWN,
                    CHALLENGE_REQUIRED,
                    CHALLENGE_EXPIRED -> AUTHENTICATION_FAILED;
            case TIMEOUT -> TIMEOUT;
            case UNREACHABLE, DNS_FAILURE, PROXY_FAILED -> NETWORK_ERROR;
            case LISTEN_REFUSED -> CONNECTION_FAILED;
            case CHANNEL_FAILED -> NETWORK_ERROR;
        };
    }
}
