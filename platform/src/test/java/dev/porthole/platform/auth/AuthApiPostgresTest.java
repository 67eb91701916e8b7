package dev.porthole.platform.auth;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class AuthApiPostgresTest extends AuthApiContract {
    AuthApiPostgresTest() {
        super(TestDatabase.POSTGRES);
    }
}
