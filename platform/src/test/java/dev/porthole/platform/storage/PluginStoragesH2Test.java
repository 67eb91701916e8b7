package dev.porthole.platform.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;

class PluginStoragesH2Test extends PluginStoragesContract {
    @Override
    HikariDataSource newPool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:plugins-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        pool.setUsername("sa");
        return pool;
    }
}
