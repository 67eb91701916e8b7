package dev.porthole.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.platform.support.ApiClient;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the very first start creates, and what a later start insists on. */
class FirstStartTest {
    @TempDir
    Path dataDir;

    private Map<String, Object> properties(String databaseUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("porthole.data-dir", dataDir.toString());
        properties.put("porthole.database.url", databaseUrl);
        properties.put("micronaut.server.port", -1);
        return properties;
    }

    private String fileDatabase() {
        return "jdbc:h2:file:" + dataDir.resolve("porthole")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Test
    void the_first_start_generates_the_admin_password_prints_it_once_and_keeps_it_owner_only() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true));
        String password;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(fileDatabase()))) {
            Path file = dataDir.resolve("admin-password.txt");
            password = Files.readString(file).trim();
            assertThat(password).hasSize(20);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
                    .isEqualTo("rw-------");
            ApiClient api = new ApiClient(
                    server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
            assertThat(api.post("/api/auth/login", Map.of("username", "admin", "password", password), Auth.NONE)
                            .status())
                    .isEqualTo(200);
        } finally {
            System.setOut(original);
        }
        assertThat(console.toString()).contains("password: " + password);

        // the second start creates nothing and prints no password
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        System.setOut(new PrintStream(again, true));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(fileDatabase()))) {
            assertThat(server.isRunning()).isTrue();
        } finally {
            System.setOut(original);
        }
        assertThat(again.toString()).doesNotContain(password);
    }

    @Test
    void the_admin_password_can_come_from_the_environment() {
        Map<String, Object> properties =
                properties(TestDatabase.H2.freshDatabase().get("porthole.database.url"));
        properties.put("porthole.admin-password", "from-the-environment");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            ApiClient api = new ApiClient(
                    server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
            assertThat(api.post(
                                    "/api/auth/login",
                                    Map.of("username", "admin", "password", "from-the-environment"),
                                    Auth.NONE)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(dataDir.resolve("admin-password.txt")).doesNotExist();
    }

    @Test
    void a_master_key_that_does_not_belong_to_the_database_stops_the_start() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(fileDatabase()))) {
            assertThat(server.isRunning()).isTrue();
        }
        Files.move(dataDir.resolve("master.key"), dataDir.resolve("master.key.bak"));

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties(fileDatabase()))
                        .close())
                .hasStackTraceContaining("The master key file does not belong to this database");

        Files.delete(dataDir.resolve("master.key"));
        Files.move(dataDir.resolve("master.key.bak"), dataDir.resolve("master.key"));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(fileDatabase()))) {
            assertThat(server.isRunning()).isTrue();
        }
    }
}
