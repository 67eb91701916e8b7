package dev.porthole.platform.tokens;

import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class TokensApiH2Test extends TokensApiContract {
    TokensApiH2Test() {
        super(TestDatabase.H2);
    }
}
