package dev.porthole.plugins.containers.spi;

/** An endpoint setting that cannot work, named by {@link #setting()}; the environment is not stored. */
public class InvalidEndpointException extends IllegalArgumentException {
    private final String setting;

    public InvalidEndpointException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** {@return the setting at fault, e.g. {@code socket}} */
    public String setting() {
        return setting;
    }
}
