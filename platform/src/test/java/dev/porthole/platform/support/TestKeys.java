package dev.porthole.platform.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The throw-away key files under src/test/resources/keys (made with ssh-keygen). */
public final class TestKeys {
    public static final String PASSPHRASE = "test-passphrase";

    private TestKeys() {}

    public static String read(String name) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/keys/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test key " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
