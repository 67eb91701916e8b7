package dev.porthole.plugins.containers.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.api.Json;
import dev.porthole.plugins.containers.errors.ContainerError;
import dev.porthole.plugins.containers.errors.ErrorCode;
import dev.porthole.plugins.containers.permissions.Permission;
import dev.porthole.plugins.containers.permissions.PermissionStore;
import dev.porthole.plugins.containers.settings.AccessSettings;
import dev.porthole.plugins.containers.settings.AccessSettingsStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The plugin's tables through its stores, on H2 (the default database) and a real PostgreSQL: what is stored comes
 * back after a reload, names stay unique, and an environment's permissions go with it.
 */
class StoresTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends Contract {
        OnH2() throws Exception {
            super(h2());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Contract {
        private static EmbeddedPostgres postgres;

        OnPostgres() throws Exception {
            super(postgres());
        }

        private static synchronized DataSource postgres() throws IOException {
            if (postgres == null) {
                postgres = EmbeddedPostgres.start();
            }
            return postgres.getPostgresDatabase();
        }

        @AfterAll
        void stop() throws IOException {
            postgres.close();
        }
    }

    abstract static class Contract {
        private final DataSource database;

        Contract(DataSource database) throws Exception {
            this.database = database;
            migrate(database);
        }

        private static Environment draft(String name, Optional<Long> host, Map<String, String> endpoint) {
            return new Environment(0, name, "docker", host, endpoint, 0, 0);
        }

        @Test
        void environmentsSurviveAReloadAndEachEditRaisesTheRevision() {
            EnvironmentStore store = EnvironmentStore.load(database, JSON);
            Environment local = store.create(draft("local", Optional.empty(), Map.of("socket", "/run/d.sock")), 1000);
            Environment remote = store.create(draft("remote", Optional.of(7L), Map.of()), 2000);
            assertThat(remote.id()).isGreaterThan(local.id());
            Environment edited = store.update(local, draft("local-2", Optional.of(3L), Map.of()));
            assertThat(edited.revision()).isEqualTo(local.revision() + 1);
            assertThat(edited.connectionKey()).isNotEqualTo(local.connectionKey());

            EnvironmentStore reloaded = EnvironmentStore.load(database, JSON);
            assertThat(reloaded.find(local.id())).contains(edited);
            assertThat(reloaded.find(remote.id()).orElseThrow().endpoint()).isEmpty();
            assertThat(reloaded.find(remote.id()).orElseThrow().hostId()).contains(7L);
            assertThat(reloaded.all()).extracting(Environment::name).containsSubsequence("local-2", "remote");
        }

        @Test
        void aNameIsTakenOnce() {
            EnvironmentStore store = EnvironmentStore.load(database, JSON);
            store.create(draft("twice", Optional.empty(), Map.of()), 1);
            assertThatThrownBy(() -> store.create(draft("twice", Optional.empty(), Map.of()), 2))
                    .isInstanceOfSatisfying(ContainerError.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.ENVIRONMENT_NAME_TAKEN));
        }

        @Test
        void grantsAreReplacedWholeAndGoWithTheirEnvironment() {
            EnvironmentStore environments = EnvironmentStore.load(database, JSON);
            Environment env = environments.create(draft("grants", Optional.empty(), Map.of()), 1);
            PermissionStore store = PermissionStore.load(database);
            store.replace(env.id(), Map.of(1L, Set.of(Permission.VIEW, Permission.STOP), 2L, Set.of(Permission.LOGS)));
            store.replace(env.id(), Map.of(1L, Set.of(Permission.VIEW), 3L, Set.of()));
            PermissionStore reloaded = PermissionStore.load(database);
            assertThat(reloaded.granted(env.id(), 1L)).containsExactly(Permission.VIEW);
            assertThat(reloaded.granted(env.id(), 2L))
                    .as("left out of the second replace")
                    .isEmpty();
            assertThat(reloaded.of(env.id())).containsOnlyKeys(1L);

            environments.delete(env.id());
            assertThat(PermissionStore.load(database).of(env.id()))
                    .as("ON DELETE CASCADE")
                    .isEmpty();
        }

        @Test
        void accessSettingsAreStoredAsOneRowAndReadBack() {
            AccessSettings defaults = new AccessSettings(false, List.of("10.0.0.0/8"), List.of());
            AccessSettingsStore store = AccessSettingsStore.load(database, JSON, defaults, s -> {});
            assertThat(store.current()).isEqualTo(defaults);
            AccessSettings next = new AccessSettings(true, List.of("192.168.0.0/16"), List.of("127.0.0.1/32"));
            store.save(next);
            store.save(next);
            assertThat(AccessSettingsStore.load(database, JSON, defaults, s -> {})
                            .current())
                    .isEqualTo(next);
            assertThat(AccessSettingsStore.load(database, JSON, defaults, s -> {
                                throw new IllegalArgumentException("edited by hand");
                            })
                            .current())
                    .as("stored settings that no longer pass the check give way to the defaults")
                    .isEqualTo(defaults);
        }

        private static void migrate(DataSource database) throws IOException, SQLException {
            try (Connection connection = database.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS containers_permissions");
                statement.execute("DROP TABLE IF EXISTS containers_environments");
                statement.execute("DROP TABLE IF EXISTS containers_settings");
                String sql;
                try (InputStream in = StoresTest.class.getResourceAsStream("/porthole/migrations/V1__containers.sql")) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String withoutComments = sql.lines()
                        .filter(line -> !line.trim().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b);
                for (String statementText : withoutComments.split(";")) {
                    if (!statementText.isBlank()) {
                        statement.execute(statementText.trim());
                    }
                }
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The host's JSON, as Jackson writes it. */
    static final Json JSON = new Json() {
        @Override
        public Object read(String json) {
            try {
                return MAPPER.readValue(json, Object.class);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    };

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:containers-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        return h2;
    }
}
