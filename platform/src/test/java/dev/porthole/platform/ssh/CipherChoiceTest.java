package dev.porthole.platform.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Test;

class CipherChoiceTest {
    private static final List<NamedFactory<Cipher>> MINA = BaseBuilder.setUpDefaultCiphers(false);

    private static List<String> names(List<NamedFactory<Cipher>> ciphers) {
        return ciphers.stream().map(NamedFactory::getName).toList();
    }

    @Test
    void with_aes_in_hardware_the_defaults_offer_aes_gcm_first_and_drop_nothing() {
        List<String> offered = names(CipherChoice.of(MINA, List.of(), true));
        assertThat(offered).startsWith("aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
        assertThat(offered).containsExactlyInAnyOrderElementsOf(names(MINA));
        assertThat(offered.subList(2, offered.size()))
                .as("the rest in MINA's order")
                .isEqualTo(
                        names(MINA).stream().filter(n -> !n.contains("-gcm@")).toList());
    }

    @Test
    void without_it_the_defaults_are_mina_s_with_chacha20_first() {
        assertThat(names(CipherChoice.of(MINA, List.of(), false))).isEqualTo(names(MINA));
        assertThat(names(MINA).get(0)).isEqualTo("chacha20-poly1305@openssh.com");
    }

    @Test
    void named_ciphers_are_offered_as_named_whatever_the_hardware() {
        List<String> wanted = List.of("chacha20-poly1305@openssh.com", "aes128-ctr");
        assertThat(names(CipherChoice.of(MINA, wanted, true))).isEqualTo(wanted);
        assertThatThrownBy(() -> CipherChoice.of(MINA, List.of("rot13"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown cipher 'rot13'");
    }
}
