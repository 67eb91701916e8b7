package dev.porthole.platform.support;

import java.util.Map;
import java.util.UUID;

/** The two databases every persistence suite runs against: a fresh one per suite. */
public enum TestDatabase {
    H2 {
        @Override
        public Map<String, String> freshDatabase() {
            return Map.of(
                    "porthole.database.url",
                    "jdbc:h2:mem:porthole-" + UUID.randomUUID()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "porthole.database.username",
                    "sa",
                    "porthole.database.password",
                    "");
        }
    },
    POSTGRES {
        @Override
        public Map<String, String> freshDatabase() {
            return Map.of(
                    "porthole.database.url",
                    EmbeddedPostgresServer.get().createDatabase(),
                    "porthole.database.username",
                    EmbeddedPostgresServer.USER,
                    "porthole.database.password",
                    "");
        }
    };

    /** Connection settings for a new, empty database of this kind. */
    public abstract Map<String, String> freshDatabase();
}
