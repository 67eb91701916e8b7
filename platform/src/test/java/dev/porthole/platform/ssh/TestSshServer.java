package dev.porthole.platform.ssh;

import dev.porthole.platform.support.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * MINA's in-process SSH server for the tests: users with a password ({@code alice}), keys (every public key under
 * src/test/resources/keys, user {@code keys}), a TOTP-like second step ({@code totp}: a password, then a verification
 * code) and a Warpgate-like browser step ({@code warpgate}). Commands run in {@code /bin/sh -c}; forwarding is allowed.
 * The host key can be swapped to play a reinstalled server.
 */
final class TestSshServer implements AutoCloseable {
    static final String PASSWORD = "alice-password";
    static final String TOTP_CODE = "123456";
    static final String WARPGATE_URL = "https://warpgate.example.test/@warpgate#/login/4f2a";
    static final String WARPGATE_KEY = "K7-93QX";

    private final SshServer server;
    private final AtomicReference<KeyPair> hostKey = new AtomicReference<>();

    TestSshServer() {
        try {
            hostKey.set(KeyUtils.generateKeyPair("ssh-ed25519", 256));
            List<PublicKey> authorized = authorizedKeys();
            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(session -> List.of(hostKey.get()));
            server.setPasswordAuthenticator((user, password, session) ->
                    Set.of("alice", "totp").contains(user) && PASSWORD.equals(password) && !user.equals("totp"));
            server.setPublickeyAuthenticator((user, key, session) ->
                    user.equals("keys") && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
            server.setKeyboardInteractiveAuthenticator(new Interactive());
            server.setCommandFactory(
                    (channel, command) -> new ProcessShellFactory("sh", "/bin/sh", "-c", command).createShell(channel));
            server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getPort();
    }

    KeyPair hostKey() {
        return hostKey.get();
    }

    /** Plays a reinstalled server: new connections see another host key. */
    void replaceHostKey() throws GeneralSecurityException {
        hostKey.set(KeyUtils.generateKeyPair("ssh-ed25519", 256));
    }

    int activeSessions() {
        return server.getActiveSessions().size();
    }

    /** Drops every connection from the server side, as a restarted server or a broken network would. */
    void disconnectAll() {
        server.getActiveSessions().forEach(s -> s.close(true));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static List<PublicKey> authorizedKeys() throws IOException, GeneralSecurityException {
        List<PublicKey> keys = new java.util.ArrayList<>();
        for (String name :
                List.of("ed25519", "ecdsa", "rsa3072", "rsa-pem", "ed25519-encrypted", "rsa-pem-encrypted")) {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(
                    TestKeys.read(name + ".pub").trim());
            keys.add(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        }
        return keys;
    }

    /** The second steps of the {@code totp} and {@code warpgate} users, one keyboard-interactive round each. */
    private static final class Interactive implements KeyboardInteractiveAuthenticator {
        @Override
        public InteractiveChallenge generateChallenge(
                ServerSession session, String username, String lang, String subMethods) {
            InteractiveChallenge challenge = new InteractiveChallenge();
            switch (username) {
                case "totp" -> {
                    challenge.addPrompt("Password: ", false);
                    challenge.addPrompt("Verification code: ", true);
                }
                case "warpgate" -> {
                    challenge.setInteractionInstruction("Warpgate authentication: please open " + WARPGATE_URL
                            + " in your browser.\nSecurity key: " + WARPGATE_KEY);
                    challenge.addPrompt("Press Enter when done: ", true);
                }
                case "alice" -> challenge.addPrompt("Password: ", false);
                default -> {
                    return null;
                }
            }
            return challenge;
        }

        @Override
        public boolean authenticate(ServerSession session, String username, List<String> responses) {
            return switch (username) {
                case "totp" -> responses.equals(List.of(PASSWORD, TOTP_CODE));
                case "warpgate" -> responses.size() == 1;
                case "alice" -> responses.equals(List.of(PASSWORD));
                default -> false;
            };
        }
    }
}
