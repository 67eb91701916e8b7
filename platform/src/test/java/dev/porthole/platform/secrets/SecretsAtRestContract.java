package dev.porthole.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.support.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Reads the bytes the database wrote to disk after a host with every kind of secret was stored, and the log of the
 * whole exchange, and finds none of the secrets in either.
 */
abstract class SecretsAtRestContract extends PlatformTestBase {
    static final String PASSWORD = "Pl41n-Host-Password-7781";
    static final String PROXY_PASSWORD = "Pl41n-Proxy-Password-5521";
    static final String USER_PASSWORD = "Pl41n-User-Password-9931";

    SecretsAtRestContract(TestDatabase database) {
        super(database);
    }

    /** Makes the database write everything it holds to its files. */
    abstract void flushToDisk();

    /** The files the database keeps its data in. */
    abstract List<Path> databaseFiles() throws IOException;

    @Test
    void no_secret_is_in_the_database_files_or_the_log() throws IOException {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        String keyBody = keyBody(TestKeys.read("ed25519-encrypted"));
        try {
            createUser("secretive", USER_PASSWORD, "USER");
            Auth user = Auth.bearer(login("secretive", USER_PASSWORD));
            Reply created = api().post(
                            "/api/hosts",
                            Map.of(
                                    "name",
                                    "vault",
                                    "address",
                                    "192.0.2.44",
                                    "username",
                                    "root",
                                    "authType",
                                    "key",
                                    "password",
                                    PASSWORD,
                                    "privateKey",
                                    TestKeys.read("ed25519-encrypted"),
                                    "keyPassphrase",
                                    TestKeys.PASSPHRASE,
                                    "proxies",
                                    List.of(Map.of(
                                            "host",
                                            "192.0.2.45",
                                            "port",
                                            1080,
                                            "username",
                                            "p",
                                            "password",
                                            PROXY_PASSWORD))),
                            user);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(api().post(
                                    "/api/auth/login",
                                    Map.of("username", "secretive", "password", "wrong-" + USER_PASSWORD),
                                    Auth.NONE)
                            .status())
                    .isEqualTo(401);
        } finally {
            root.detachAppender(log);
        }
        flushToDisk();

        byte[] everything = concat(databaseFiles());
        assertThat(everything.length).as("database files were read").isGreaterThan(10_000);
        assertThat(contains(everything, "192.0.2.44"))
                .as("the host row itself is on disk, so the search works")
                .isTrue();
        for (String secret : List.of(PASSWORD, PROXY_PASSWORD, USER_PASSWORD, TestKeys.PASSPHRASE, keyBody)) {
            assertThat(contains(everything, secret))
                    .as("'%s' in the database files", secret)
                    .isFalse();
        }
        String logText = String.join(
                "\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        for (String secret :
                List.of(PASSWORD, PROXY_PASSWORD, USER_PASSWORD, TestKeys.PASSPHRASE, ADMIN_PASSWORD, keyBody)) {
            assertThat(logText).doesNotContain(secret);
        }
    }

    /** A distinctive run from the middle of the key's base64 body. */
    private static String keyBody(String key) {
        String body = key.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        return body.substring(body.length() / 2, body.length() / 2 + 40);
    }

    private static byte[] concat(List<Path> files) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            parts.add(bytes);
            total += bytes.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Looks for the text as UTF-8 and as UTF-16 (H2 stores some strings that way). */
    private static boolean contains(byte[] haystack, String text) {
        return indexOf(haystack, text.getBytes(StandardCharsets.UTF_8)) >= 0
                || indexOf(haystack, text.getBytes(StandardCharsets.UTF_16BE)) >= 0
                || indexOf(haystack, text.getBytes(StandardCharsets.UTF_16LE)) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static List<Path> regularFilesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
