package dev.porthole.test;

import dev.porthole.api.Api;
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
 * The real test environment of Porthole's {@code scripts/testenv} (its docs/testing.md) as a plugin's end-to-end tests
 * need it: the test sshd and bastion, their users and keys, read from {@code testenv.properties}. When it is missing
 * the test is skipped with the reason, or failed under {@code PORTHOLE_REQUIRE_E2E=1}.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class SshTestenv {
    private final Properties properties;

    private SshTestenv(Properties properties) {
        this.properties = properties;
    }

    /**
     * The environment with a listening sshd, or the test is skipped (failed when end-to-end tests are required).
     *
     * @return the environment
     */
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

    /**
     * The test sshd's log ({@code -E} file at LogLevel VERBOSE, lines ending in CRLF), to check what a test made sshd
     * write.
     *
     * @return the file
     * @since 0.2.0
     */
    public Path sshdLog() {
        return Path.of(get("testenv.dir"), "log", "sshd-test.log");
    }

    /** {@return the test sshd's address} */
    public String sshHost() {
        return get("ssh.host");
    }

    /** {@return the test sshd's port} */
    public int sshPort() {
        return Integer.parseInt(get("ssh.port"));
    }

    /** {@return the bastion sshd's address, an sshd with host keys of its own} */
    public String bastionHost() {
        return get("bastion.host");
    }

    /** {@return the bastion sshd's port} */
    public int bastionPort() {
        return Integer.parseInt(get("bastion.port"));
    }

    /**
     * The fingerprint the test sshd's host key of one algorithm has, to pin it or to check what a connection saw.
     *
     * @param algorithm {@code ed25519}, {@code ecdsa} or {@code rsa}, as in {@code ssh.hostkey.<algorithm>.fingerprint}
     * @return the OpenSSH form, e.g. {@code SHA256:j2Zg...}
     */
    public String hostKeyFingerprint(String algorithm) {
        return get("ssh.hostkey." + algorithm + ".fingerprint");
    }

    /**
     * A proxy of the environment.
     *
     * @param name {@code socks} (microsocks, no auth) or {@code dante} (the chain's second hop)
     * @return its address
     */
    public String proxyHost(String name) {
        return get(name + ".host");
    }

    /**
     * A proxy's port.
     *
     * @param name {@code socks} or {@code dante}
     * @return its port
     */
    public int proxyPort(String name) {
        return Integer.parseInt(get(name + ".port"));
    }

    /**
     * A test user's login name.
     *
     * @param role {@code key}, {@code pass}, {@code totp}, {@code nodocker}, ... as in {@code user.<role>.name}
     * @return the name
     */
    public String userName(String role) {
        return get("user." + role + ".name");
    }

    /**
     * A test user's password.
     *
     * @param role as in {@link #userName}
     * @return the password
     */
    public String userPassword(String role) {
        return get("user." + role + ".password");
    }

    /**
     * A test user's TOTP secret, in base 32.
     *
     * @param role {@code totp} or {@code keytotp}
     * @return the secret
     */
    public String totpSecret(String role) {
        return get("user." + role + ".totpSecret");
    }

    /**
     * The code the role's authenticator shows now: RFC 6238, HMAC-SHA1, 30 s steps, 6 digits, as google-authenticator's
     * PAM module checks it.
     *
     * @param role {@code totp} or {@code keytotp}
     * @return the six digits
     * @since 0.2.0
     */
    public String totpCode(String role) {
        try {
            return new DefaultCodeGenerator().generate(totpSecret(role), System.currentTimeMillis() / 1000 / 30);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("no TOTP code for the test secret of " + role, e);
        }
    }

    /**
     * A client key of the environment.
     *
     * @param name as in {@code key.<name>.private}, e.g. {@code ed25519}
     * @return the private key's text
     */
    public String privateKey(String name) {
        try {
            return Files.readString(Path.of(get("key." + name + ".private")));
        } catch (IOException e) {
            throw new UncheckedIOException("the test key " + name + " is not readable; run the tests as its owner", e);
        }
    }

    /**
     * Where a client key of the environment lies, for a test that runs OpenSSH's own {@code ssh} next to Porthole.
     *
     * @param name as in {@link #privateKey}
     * @return the private key's file
     * @since 0.2.0
     */
    public Path privateKeyFile(String name) {
        return Path.of(get("key." + name + ".private"));
    }

    /**
     * The body of {@code POST /api/hosts} for a host on the test sshd that logs in as {@code role} with the ed25519
     * key, no feature enabled. A mutable copy, so that a test may change or add a field.
     *
     * @param role as in {@link #userName}
     * @return the body's fields
     */
    public Map<String, Object> keyHost(String role) {
        return new HashMap<>(Map.of(
                "address", sshHost(),
                "port", sshPort(),
                "username", userName(role),
                "authType", "key",
                "privateKey", privateKey("ed25519")));
    }

    /**
     * {@link #keyHost} with the role's password instead of the key.
     *
     * @param role as in {@link #userName}
     * @return the body's fields
     */
    public Map<String, Object> passwordHost(String role) {
        return new HashMap<>(Map.of(
                "address", sshHost(),
                "port", sshPort(),
                "username", userName(role),
                "authType", "password",
                "password", userPassword(role)));
    }

    private String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("testenv.properties has no " + key);
        }
        return value;
    }
}
