package dev.porthole.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopesTest {

    @ParameterizedTest(name = "{0} grants {1}: {2}")
    @CsvSource({
        "*, write:hosts, true",
        "write:*, write:containers, true",
        "write:*, read:containers, true",
        "read:*, write:hosts, false",
        "read:*, read:users, true",
        "write:hosts, read:hosts, true",
        "write:hosts, write:containers, false",
        "read:hosts, write:hosts, false",
        "*:hosts, write:hosts, true",
        "*:hosts, read:tokens, false",
        "write:hosts, write:*, false",
        "write:containers, *:containers, false",
        "write:*, *, false",
        "*, *, true",
    })
    void grants(String held, String required, boolean expected) {
        assertThat(Scopes.grants(List.of(held), required)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is valid: {1}")
    @CsvSource({
        "*, true",
        "read:hosts, true",
        "write:*, true",
        "*:containers, true",
        "delete:hosts, false",
        "read, false",
        "read:, false",
        "read:Hosts, false",
        "'read:hosts ', false",
        "**, false",
    })
    void validity(String scope, boolean expected) {
        assertThat(Scopes.isValid(scope)).isEqualTo(expected);
    }
}
