package dev.porthole.plugins.dockerssh.testing;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real test environment of {@code scripts/testenv} (docs/testing.md) as the plugin's end-to-end tests need it: the
 * test sshd, its users and keys, from {@code testenv.properties}. The platform's {@code Testenv} is in its test
 * sources, which a plugin does not see; this reads the same file. Missing: skipped with the reason, or failed under
 * {@code PORTHOLE_REQUIRE_E2E=1}.
 */
public final class SshTestenv {
    private final Properties properties;

    private SshTestenv(Properties properties) {
        this.properties = properties;
    }

    /** The environment with a listening sshd, or the test is skipped (failed when end-to-end tests are required). */
    public static SshTestenv require() {
        String dir = System.getenv().getOrDefault("PORTHOLE_TESTENV_DIR", "/tmp/porthole-testenv");
        Path file = Path.of(dir, "testenv.properties");
        if (!Files.isReadable(file)) {
            return absent("no test environment at " + file + " (scripts/testenv/sshd.sh start)");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return absent("cannot read " + file + ": " + e.getMessage());
        }
        SshTestenv env = new SshTestenv(properties);
        if (!"true".equals(properties.getProperty("ssh.available"))) {
            return absent("the test sshd is stopped (ssh.available is not true in " + file + ")");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(env.sshHost(), env.sshPort()), 2000);
        } catch (IOException e) {
            return absent("nothing listens on the test sshd " + env.sshHost() + ":" + env.sshPort());
        }
        return env;
    }

    private static SshTestenv absent(String reason) {
        if ("1".equals(System.getenv("PORTHOLE_REQUIRE_E2E"))) {
            Assertions.fail("PORTHOLE_REQUIRE_E2E=1 but " + reason);
        }
        System.out.println("[testenv] skipping: " + reason);
        Assumptions.abort("skipped: " + reason + " (set PORTHOLE_REQUIRE_E2E=1 to fail instead)");
        throw new AssertionError("unreachable");
    }

    public String sshHost() {
        return get("ssh.host");
    }

    public int sshPort() {
        return Integer.parseInt(get("ssh.port"));
    }

    /** A proxy of the environment: {@code socks} (microsocks, no auth) or {@code dante} (the chain's second hop). */
    public String proxyHost(String name) {
        return get(name + ".host");
    }

    public int proxyPort(String name) {
        return Integer.parseInt(get(name + ".port"));
    }

    /** {@code key}, {@code totp}, {@code nodocker}, ... as in {@code user.<role>.name}. */
    public String userName(String role) {
        return get("user." + role + ".name");
    }

    public String userPassword(String role) {
        return get("user." + role + ".password");
    }

    public String totpSecret(String role) {
        return get("user." + role + ".totpSecret");
    }

    /** The private key text of {@code key.<name>.private}, e.g. {@code ed25519}. */
    public String privateKey(String name) {
        try {
            return Files.readString(Path.of(get("key." + name + ".private")));
        } catch (IOException e) {
            throw new UncheckedIOException("the test key " + name + " is not readable; run the tests as its owner", e);
        }
    }

    /**
     * The body of {@code POST /api/hosts} for a host on the test sshd that logs in as {@code role} with the ed25519 key
     * and has Docker enabled. A mutable copy, so a test may change a field.
     */
    public Map<String, Object> keyHost(String role) {
        return new HashMap<>(Map.of(
                "address", sshHost(),
                "port", sshPort(),
                "username", userName(role),
                "authType", "key",
                "privateKey", privateKey("ed25519"),
                "enableDocker", true));
    }

    private String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("testenv.properties has no " + key);
        }
        return value;
    }

    /** RFC 6238 now: HMAC-SHA1, 30 s steps, 6 digits, as google-authenticator's PAM module checks it. */
    public static String totp(String base32Secret) {
        try {
            return new DefaultCodeGenerator().generate(base32Secret, System.currentTimeMillis() / 1000 / 30);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("no TOTP code for the test secret", e);
        }
    }
}
