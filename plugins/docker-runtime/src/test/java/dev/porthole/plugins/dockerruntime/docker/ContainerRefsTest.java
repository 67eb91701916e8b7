package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.plugins.containers.spi.RuntimeFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerRefsTest {
    @ParameterizedTest
    @ValueSource(strings = {"web", "a", "0f6bcff90098", "my_app.v2-1"})
    void ids_names_and_prefixes_pass(String ref) {
        assertThat(ContainerRefs.checked(ref)).isEqualTo(ref);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/web", "../images", "a/b", "web?force=1", "-web", "we b", "web%2F"})
    void what_cannot_name_a_container_is_not_found_before_any_request(String ref) {
        assertThatThrownBy(() -> ContainerRefs.checked(ref))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.NOT_FOUND));
    }

    @Test
    void null_is_not_found_either() {
        assertThatThrownBy(() -> ContainerRefs.checked(null)).isInstanceOf(RuntimeFailure.class);
    }

    @Test
    void the_short_id_is_the_first_12_hex_digits() {
        assertThat(ContainerRefs.shortId("0f6bcff9009824099b8a7a738ad1f06b92d9d302c8af00ea04faaaf281ffb854"))
                .isEqualTo("0f6bcff90098");
        assertThat(ContainerRefs.shortId("abc")).isEqualTo("abc");
    }
}
