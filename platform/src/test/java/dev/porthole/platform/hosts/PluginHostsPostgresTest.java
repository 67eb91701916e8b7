package dev.porthole.platform.hosts;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class PluginHostsPostgresTest extends PluginHostsContract {
    PluginHostsPostgresTest() {
        super(TestDatabase.POSTGRES);
    }
}
