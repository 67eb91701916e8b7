package dev.porthole.platform.hosts;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class HostChangesPostgresTest extends HostChangesContract {
    HostChangesPostgresTest() {
        super(TestDatabase.POSTGRES);
    }
}
