package dev.porthole.platform.users;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class UsersApiPostgresTest extends UsersApiContract {
    UsersApiPostgresTest() {
        super(TestDatabase.POSTGRES);
    }
}
