package dev.porthole.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    @Test
    void the_master_key_file_is_created_owner_only_and_read_back_the_same() throws Exception {
        Path file = dir.resolve("keys/master.key");
        SecretBox first = new SecretBox(MasterKey.loadOrCreate(file));
        String sealed = first.seal("s3cret", "test");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new SecretBox(MasterKey.loadOrCreate(file)).open(sealed, "test"))
                .isEqualTo("s3cret");
    }

    @Test
    void sealing_twice_gives_different_ciphertexts_without_the_plaintext() {
        SecretBox box = new SecretBox(MasterKey.loadOrCreate(dir.resolve("master.key")));
        String a = box.seal("same-secret", "p");
        String b = box.seal("same-secret", "p");

        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("same-secret");
        assertThat(new String(Base64.getDecoder().decode(a.substring(3)))).doesNotContain("same-secret");
    }

    @Test
    void a_sealed_value_does_not_open_under_another_purpose_key_or_after_tampering() {
        SecretBox box = new SecretBox(MasterKey.loadOrCreate(dir.resolve("a.key")));
        SecretBox other = new SecretBox(MasterKey.loadOrCreate(dir.resolve("b.key")));
        String sealed = box.seal("value", "host.password");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.open(sealed, "host.privateKey")).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> other.open(sealed, "host.password")).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.open(tampered, "host.password")).isInstanceOf(SecretUnreadableException.class);
        assertThat(box.open(sealed, "host.password")).isEqualTo("value");
    }

    @Test
    void a_key_file_of_the_wrong_size_is_refused() throws Exception {
        Path file = dir.resolve("short.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> MasterKey.loadOrCreate(file)).hasMessageContaining("does not hold a 256-bit key");
    }

    @Test
    void derived_keys_differ_by_purpose_and_are_stable() {
        MasterKey key = MasterKey.loadOrCreate(dir.resolve("m.key"));

        assertThat(key.derive("a"))
                .isEqualTo(MasterKey.loadOrCreate(dir.resolve("m.key")).derive("a"))
                .isNotEqualTo(key.derive("b"));
    }
}
