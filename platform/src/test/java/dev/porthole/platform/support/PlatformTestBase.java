package dev.porthole.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real platform on a random port with a fresh database of the suite's kind and a fresh data directory. Subclasses
 * name the database; the concrete test classes carry {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PlatformTestBase implements TestPropertyProvider {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private final TestDatabase database;
    private final Path dataDir;

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected JsonMapper json;

    private ApiClient api;

    protected PlatformTestBase(TestDatabase database) {
        this.database = database;
        try {
            this.dataDir = Files.createTempDirectory("porthole-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database.freshDatabase());
        properties.put("porthole.data-dir", dataDir.toString());
        properties.put("porthole.admin-password", ADMIN_PASSWORD);
        properties.put("micronaut.server.port", "-1");
        // every test logs in from 127.0.0.1; the per-address limit has its own test
        properties.put("porthole.login.failures-per-address", "100000");
        properties.putAll(extraProperties());
        return properties;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    protected TestDatabase database() {
        return database;
    }

    protected Path dataDir() {
        return dataDir;
    }

    protected ApiClient api() {
        if (api == null) {
            api = new ApiClient(server.getURI(), json);
        }
        return api;
    }

    /** The server's plugins directory. */
    protected Path pluginsDir() {
        return dataDir.resolve("plugins");
    }

    /** Uploads a plugin archive through the admin API, as the multipart field {@code file}. */
    protected Reply installPlugin(Path archive) {
        try {
            return api().upload(
                            "/api/plugins",
                            "file",
                            archive.getFileName().toString(),
                            Files.readAllBytes(archive),
                            admin());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in and returns the session token. */
    protected String login(String username, String password) {
        Reply reply = api().post("/api/auth/login", Map.of("username", username, "password", password), Auth.NONE);
        assertThat(reply.status()).as("login of %s: %s", username, reply).isEqualTo(200);
        return (String) reply.field("access_token");
    }

    protected Auth admin() {
        return Auth.bearer(login("admin", ADMIN_PASSWORD));
    }

    /** Creates a user through the admin API and returns their id. */
    protected long createUser(String username, String password, String role) {
        Reply reply =
                api().post("/api/users", Map.of("username", username, "password", password, "role", role), admin());
        assertThat(reply.status()).as("create user %s: %s", username, reply).isEqualTo(201);
        return reply.id();
    }

    /** A user with a unique name, logged in. */
    protected TestUser newUser(String role) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + name;
        long id = createUser(name, password, role);
        return new TestUser(id, name, password, Auth.bearer(login(name, password)));
    }

    public record TestUser(long id, String username, String password, Auth auth) {}

    @AfterAll
    void deleteDataDir() throws IOException {
        TestFiles.deleteRecursively(dataDir);
    }
}
