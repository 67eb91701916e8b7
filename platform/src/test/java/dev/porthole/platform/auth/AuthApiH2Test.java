package dev.porthole.platform.auth;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class AuthApiH2Test extends AuthApiContract {
    AuthApiH2Test() {
        super(TestDatabase.H2);
    }
}
