package dev.porthole.platform.ssh;

import dev.porthole.platform.config.SshConfiguration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;

/**
 * {@code porthole.ssh.ciphers}: the client's ciphers narrowed to the ones named, in the order named. Checked at start-up
 * (the SSH client itself is made on first use), so that a misspelt name stops the server instead of every later login.
 */
@Singleton
final class CipherChoice implements ApplicationEventListener<StartupEvent> {
    private final SshConfiguration config;

    CipherChoice(SshConfiguration config) {
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        // the same list as the client's: MINA's defaults that this JVM supports
        of(BaseBuilder.setUpDefaultCiphers(false), config.ciphers());
    }

    /**
     * The named ciphers out of {@code available}, in the order of {@code names}; all of {@code available} when no name
     * is given.
     *
     * @throws IllegalArgumentException for a name the client does not offer
     */
    static List<NamedFactory<Cipher>> of(List<NamedFactory<Cipher>> available, List<String> names) {
        if (names.isEmpty()) {
            return available;
        }
        List<NamedFactory<Cipher>> chosen = new ArrayList<>(names.size());
        for (String name : names) {
            NamedFactory<Cipher> factory = available.stream()
                    .filter(f -> f.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> unknown(name, available));
            if (!chosen.contains(factory)) {
                chosen.add(factory);
            }
        }
        return chosen;
    }

    private static IllegalArgumentException unknown(String name, List<NamedFactory<Cipher>> available) {
        List<String> supported = available.stream().map(NamedFactory::getName).toList();
        return new IllegalArgumentException("porthole.ssh.ciphers: unknown cipher '" + name
                + "'; the SSH client supports " + String.join(", ", supported));
    }
}
