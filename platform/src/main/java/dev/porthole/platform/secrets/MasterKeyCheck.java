package dev.porthole.platform.secrets;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;

/**
 * Refuses to start when the master key is not the one this database's secrets were sealed with, instead of failing
 * later on every credential. The first start seals a known value; every later start must open it.
 */
@Singleton
@Order(1)
final class MasterKeyCheck implements ApplicationEventListener<StartupEvent> {
    private static final String KNOWN = "porthole-master-key-check";
    private static final String PURPOSE = "secret_check";

    private final SecretBox secretBox;
    private final SecretCheckRepository repository;

    MasterKeyCheck(SecretBox secretBox, SecretCheckRepository repository) {
        this.secretBox = secretBox;
        this.repository = repository;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        repository
                .findById(SecretCheck.ID)
                .ifPresentOrElse(
                        this::verify,
                        () -> repository.save(new SecretCheck(SecretCheck.ID, secretBox.seal(KNOWN, PURPOSE))));
    }

    private void verify(SecretCheck check) {
        String opened;
        try {
            opened = secretBox.open(check.sealed(), PURPOSE);
        } catch (SecretUnreadableException e) {
            opened = null;
        }
        if (!KNOWN.equals(opened)) {
            throw new IllegalStateException(
                    "The master key file does not belong to this database: its secrets cannot be"
                            + " decrypted. Restore the master.key that was used with this database (porthole.master-key-file).");
        }
    }
}
