package dev.porthole.platform.ssh;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class HostKeysH2Test extends HostKeysContract {
    HostKeysH2Test() {
        super(TestDatabase.H2);
    }
}
