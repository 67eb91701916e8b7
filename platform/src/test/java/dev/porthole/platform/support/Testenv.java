package dev.porthole.platform.support;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real test environment of {@code scripts/testenv} (docs/testing.md): an OpenSSH sshd and a bastion on loopback,
 * SOCKS5 proxies, a dockerd, test users, keys and TOTP secrets, all described by {@code testenv.properties} in
 * {@code $PORTHOLE_TESTENV_DIR} (default {@code /tmp/porthole-testenv}).
 *
 * <p>A test that needs a daemon starts with {@link #requireSsh()} or {@link #requireDocker()}: when the environment is
 * absent the test is skipped with the reason, unless {@code PORTHOLE_REQUIRE_E2E=1} (CI), where it fails instead.
 *
 * @param directory the state directory
 * @param values every key of testenv.properties
 */
public record Testenv(Path directory, Map<String, String> values) {
    public static final String DIR_VARIABLE = "PORTHOLE_TESTENV_DIR";
    public static final String REQUIRE_VARIABLE = "PORTHOLE_REQUIRE_E2E";
    public static final Path DEFAULT_DIRECTORY = Path.of("/tmp/porthole-testenv");
    public static final String FILE_NAME = "testenv.properties";

    public Testenv {
        values = Map.copyOf(values);
    }

    /** A TCP endpoint on loopback. */
    public record Endpoint(String host, int port) {
        public InetSocketAddress address() {
            return new InetSocketAddress(host, port);
        }
    }

    /**
     * A test user: {@code role} is the part after {@code ph-} (pass, key, totp, keytotp, nodocker).
     *
     * @param totpSecret the base32 TOTP secret, or null when the user has none
     */
    public record User(String role, String name, String password, String totpSecret) {}

    /**
     * A client key: {@code name} is one of ed25519, ecdsa, rsa, rsa-pem, ed25519-enc, rsa-pem-enc (authorized for
     * ph-key, ph-keytotp, ph-nodocker) or unauthorized (authorized for nobody).
     *
     * @param passphrase the passphrase, or null when the key is not encrypted
     * @param fingerprint {@code SHA256:...} of the public key
     */
    public record Key(String name, Path privateKey, Path publicKey, String passphrase, String fingerprint) {}

    /** The directory named by {@code PORTHOLE_TESTENV_DIR}, or {@code /tmp/porthole-testenv}. */
    public static Path defaultDirectory() {
        String dir = System.getenv(DIR_VARIABLE);
        return dir == null || dir.isBlank() ? DEFAULT_DIRECTORY : Path.of(dir);
    }

    /** The environment described in {@code directory}, or empty when it has no testenv.properties. */
    public static Optional<Testenv> load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return Optional.of(new Testenv(directory, values));
    }

    /** The environment of {@link #defaultDirectory()}, or empty. */
    public static Optional<Testenv> load() {
        return load(defaultDirectory());
    }

    /** Whether a missing daemon fails the test ({@code PORTHOLE_REQUIRE_E2E=1}) rather than skipping it. */
    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_VARIABLE));
    }

    /**
     * The environment with its sshd, bastion and proxies running; otherwise the calling test is skipped with the
     * reason, or fails when {@code PORTHOLE_REQUIRE_E2E=1}.
     */
    public static Testenv requireSsh() {
        Testenv env = requireFile("SSH end-to-end tests");
        if (!env.flag("ssh.available")) {
            unavailable("the SSH test environment in " + env.directory + " is stopped (ssh.available=false): "
                    + "run scripts/testenv/sshd.sh start as root");
        }
        Endpoint ssh = env.ssh();
        if (!accepts(ssh)) {
            unavailable("nothing listens on " + ssh.host() + ":" + ssh.port()
                    + " although testenv.properties says ssh.available=true: run scripts/testenv/sshd.sh start");
        }
        return env;
    }

    /**
     * The environment with dockerd running and the SSH side too (Docker is reached over SSH); otherwise the calling
     * test is skipped with the reason, or fails when {@code PORTHOLE_REQUIRE_E2E=1}.
     */
    public static Testenv requireDocker() {
        Testenv env = requireSsh();
        if (!env.flag("docker.available")) {
            unavailable("dockerd of the test environment in " + env.directory + " is stopped (docker.available is not "
                    + "true): run scripts/testenv/docker.sh start as root");
        }
        Path socket = Path.of(env.get("docker.host").replaceFirst("^unix://", ""));
        if (!Files.exists(socket)) {
            unavailable("no Docker socket " + socket + ": run scripts/testenv/docker.sh start");
        }
        return env;
    }

    private static Testenv requireFile(String what) {
        Path directory = defaultDirectory();
        return load(directory).orElseGet(() -> {
            unavailable("no test environment for " + what + ": " + directory.resolve(FILE_NAME) + " is missing "
                    + "(run scripts/install-test-deps.sh, scripts/testenv/sshd.sh start and docker.sh start as root, "
                    + "or set " + DIR_VARIABLE + ")");
            throw new AssertionError("unreachable");
        });
    }

    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void unavailable(String reason) {
        if (required()) {
            Assertions.fail(REQUIRE_VARIABLE + "=1 but " + reason);
        }
        // Surefire's summary counts skips without their reasons: say it once on the console
        if (REPORTED.add(reason)) {
            System.err.println("[testenv] skipping: " + reason);
        }
        Assumptions.abort(reason);
    }

    private static boolean accepts(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(endpoint.address(), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The value of {@code key}; a missing key is an error of the environment, so it fails the test. */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no " + key + " in " + directory.resolve(FILE_NAME));
        }
        return value;
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public int integer(String key) {
        return Integer.parseInt(get(key));
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    public boolean flag(String key) {
        return "true".equals(values.get(key));
    }

    /** The sshd every SSH test logs in to: password, keys, TOTP; MaxSessions 10, MaxStartups 200:30:400. */
    public Endpoint ssh() {
        return new Endpoint(get("ssh.host"), integer("ssh.port"));
    }

    /** The jump host (its own host keys); all test users may log in and forward TCP through it. */
    public Endpoint bastion() {
        return new Endpoint(get("bastion.host"), integer("bastion.port"));
    }

    /** microsocks without authentication. */
    public Endpoint socks() {
        return new Endpoint(get("socks.host"), integer("socks.port"));
    }

    /** microsocks with RFC 1929 username/password: {@link #socksUsername()}, {@link #socksPassword()}. */
    public Endpoint socksWithAuth() {
        return new Endpoint(get("socks.host"), integer("socks.auth.port"));
    }

    public String socksUsername() {
        return get("socks.auth.username");
    }

    public String socksPassword() {
        return get("socks.auth.password");
    }

    /** danted without authentication: the second hop of the chain socks() → dante() → ssh(). */
    public Endpoint dante() {
        return new Endpoint(get("dante.host"), integer("dante.port"));
    }

    /** {@code SHA256:...} of the sshd host key of {@code algorithm} (ed25519, ecdsa, rsa). */
    public String sshHostKeyFingerprint(String algorithm) {
        return get("ssh.hostkey." + algorithm + ".fingerprint");
    }

    public String bastionHostKeyFingerprint(String algorithm) {
        return get("bastion.hostkey." + algorithm + ".fingerprint");
    }

    /** The user of {@code role}: pass, key, totp, keytotp, nodocker. */
    public User user(String role) {
        return new User(
                role,
                get("user." + role + ".name"),
                get("user." + role + ".password"),
                values.get("user." + role + ".totpSecret"));
    }

    /** The client key {@code name}: ed25519, ecdsa, rsa, rsa-pem, ed25519-enc, rsa-pem-enc, unauthorized. */
    public Key key(String name) {
        return new Key(
                name,
                path("key." + name + ".private"),
                path("key." + name + ".public"),
                values.get("key." + name + ".passphrase"),
                get("key." + name + ".fingerprint"));
    }

    /** The current TOTP code of a base32 secret (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits). */
    public static String totp(String base32Secret) {
        return totp(base32Secret, Instant.now());
    }

    public static String totp(String base32Secret, Instant at) {
        try {
            return new DefaultCodeGenerator().generate(base32Secret, at.getEpochSecond() / 30);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("no TOTP code for the test secret", e);
        }
    }
}
