package dev.porthole.platform.secrets;

/** A sealed secret that the current master key cannot open: the wrong key file, or tampered data. */
public final class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
        super(message);
    }
}
