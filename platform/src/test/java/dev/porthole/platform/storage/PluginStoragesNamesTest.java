package dev.porthole.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginStoragesNamesTest {
    @Test
    void the_history_table_is_the_id_made_a_safe_identifier() {
        assertThat(PluginStorages.historyTable("My.Plugin-x_1")).isEqualTo("flyway_history_my_plugin_x_1");
    }

    @Test
    void the_history_table_name_fits_postgresql() {
        String table = PluginStorages.historyTable("a".repeat(100));

        assertThat(table).hasSize(63).startsWith("flyway_history_aaa");
    }
}
