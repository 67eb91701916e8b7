package dev.porthole.platform.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.porthole.platform.support.EmbeddedPostgresServer;

class PluginStoragesPostgresTest extends PluginStoragesContract {
    @Override
    HikariDataSource newPool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedPostgresServer.get().createDatabase());
        pool.setUsername(EmbeddedPostgresServer.USER);
        return pool;
    }
}
