package dev.porthole.platform.tokens;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class TokensApiPostgresTest extends TokensApiContract {
    TokensApiPostgresTest() {
        super(TestDatabase.POSTGRES);
    }
}
