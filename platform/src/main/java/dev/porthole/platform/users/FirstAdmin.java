package dev.porthole.platform.users;

import dev.porthole.platform.config.PortholeConfiguration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start (no user at all) creates the account {@code admin}. Its password comes from {@code
 * PORTHOLE_ADMIN_PASSWORD}, or is generated, printed once on standard output and written to {@code
 * admin-password.txt} (mode 0600) in the data directory. The password never goes to the log.
 */
@Singleton
@Order(2)
final class FirstAdmin implements ApplicationEventListener<StartupEvent> {
    static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "admin-password.txt";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRepository users;
    private final UserService userService;
    private final PortholeConfiguration configuration;
    private final PrintStream console;

    FirstAdmin(UserRepository users, UserService userService, PortholeConfiguration configuration) {
        this.users = users;
        this.userService = userService;
        this.configuration = configuration;
        this.console = System.out;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (users.count() > 0) {
            if (configuration.adminPassword() != null) {
                LOG.info(
                        "Users exist already; PORTHOLE_ADMIN_PASSWORD is only used on the first start and was ignored");
            }
            return;
        }
        boolean generated = configuration.adminPassword() == null;
        String password = generated ? generatePassword() : configuration.adminPassword();
        userService.create(USERNAME, password, Role.ADMIN);
        if (generated) {
            Path file = writePasswordFile(password);
            console.println();
            console.println("  Porthole created the administrator account.");
            console.println("    username: " + USERNAME);
            console.println("    password: " + password);
            console.println("  It is shown only this once; a copy is in " + file + " (mode 0600).");
            console.println();
        } else {
            LOG.info("Created the administrator account '{}' with the password from PORTHOLE_ADMIN_PASSWORD", USERNAME);
        }
    }

    private Path writePasswordFile(String password) {
        Path file = configuration.dataDir().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(configuration.dataDir());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n");
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin password file " + file, e);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
