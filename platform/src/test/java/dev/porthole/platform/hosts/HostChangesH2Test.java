package dev.porthole.platform.hosts;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class HostChangesH2Test extends HostChangesContract {
    HostChangesH2Test() {
        super(TestDatabase.H2);
    }
}
