package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected strings are what go-units prints for the same numbers. */
class ByteSizesTest {
    @Test
    void binaryUsesFourSignificantDigits() {
        assertThat(ByteSizes.binary(0)).isEqualTo("0B");
        assertThat(ByteSizes.binary(1023)).isEqualTo("1023B");
        assertThat(ByteSizes.binary(1024)).isEqualTo("1KiB");
        assertThat(ByteSizes.binary(134217728)).isEqualTo("128MiB");
        assertThat(ByteSizes.binary(1.5 * 1024 * 1024 * 1024)).isEqualTo("1.5GiB");
        assertThat(ByteSizes.binary(123456789)).isEqualTo("117.7MiB");
    }

    @Test
    void decimalUsesThreeSignificantDigits() {
        assertThat(ByteSizes.decimal(0)).isEqualTo("0B");
        assertThat(ByteSizes.decimal(999)).isEqualTo("999B");
        assertThat(ByteSizes.decimal(1000)).isEqualTo("1kB");
        assertThat(ByteSizes.decimal(1234)).isEqualTo("1.23kB");
        assertThat(ByteSizes.decimal(98765432)).isEqualTo("98.8MB");
    }
}
