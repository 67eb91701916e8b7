package dev.porthole.platform.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test environment of scripts/testenv is what testenv.properties says it is, checked without any SSH library:
 * the daemons answer on the recorded ports, the recorded fingerprints are those of the recorded key files, the
 * proxies relay to the sshd, and dockerd answers on its socket.
 */
class TestenvTest {
    private static final List<String> HOST_KEY_ALGORITHMS = List.of("ed25519", "ecdsa", "rsa");
    private static final List<String> CLIENT_KEYS =
            List.of("ed25519", "ecdsa", "rsa", "rsa-pem", "ed25519-enc", "rsa-pem-enc", "unauthorized");

    @Test
    void totpFollowsRfc6238() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", truncated to 6 digits
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assertEquals("287082", Testenv.totp(secret, Instant.ofEpochSecond(59)));
        assertEquals("081804", Testenv.totp(secret, Instant.ofEpochSecond(1111111109)));
        assertEquals("005924", Testenv.totp(secret, Instant.ofEpochSecond(1234567890)));
    }

    @Test
    void sshdAndBastionSpeakSsh2() throws IOException {
        Testenv env = Testenv.requireSsh();
        assertTrue(banner(env.ssh()).startsWith("SSH-2.0-OpenSSH"), "sshd banner");
        assertTrue(banner(env.bastion()).startsWith("SSH-2.0-OpenSSH"), "bastion banner");
    }

    @Test
    void recordedFingerprintsAreThoseOfTheRecordedKeyFiles() throws Exception {
        Testenv env = Testenv.requireSsh();
        for (String algorithm : HOST_KEY_ALGORITHMS) {
            for (String side : List.of("ssh", "bastion")) {
                Path file = env.path(side + ".hostkey." + algorithm + ".file");
                assertTrue(Files.isReadable(file), file + " is readable");
                assertEquals(
                        env.get(side + ".hostkey." + algorithm + ".fingerprint"),
                        fingerprint(file),
                        side + " " + algorithm);
            }
            assertFalse(
                    env.sshHostKeyFingerprint(algorithm).equals(env.bastionHostKeyFingerprint(algorithm)),
                    "the bastion has its own " + algorithm + " host key");
        }
        for (String name : CLIENT_KEYS) {
            Testenv.Key key = env.key(name);
            assertTrue(Files.isRegularFile(key.privateKey()), key.privateKey() + " exists");
            assertEquals(key.fingerprint(), fingerprint(key.publicKey()), name);
        }
        assertNotNull(env.key("ed25519-enc").passphrase());
        assertNotNull(env.key("rsa-pem-enc").passphrase());
        if (Files.isReadable(env.key("rsa-pem-enc").privateKey())) { // root-only unless started with sudo
            assertTrue(Files.readString(env.key("rsa-pem").privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
            assertTrue(Files.readString(env.key("rsa-pem-enc").privateKey()).contains("Proc-Type: 4,ENCRYPTED"));
            assertTrue(Files.readString(env.key("rsa").privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        }
        assertTrue(env.user("totp").totpSecret().matches("[A-Z2-7]{16,}"), "a base32 TOTP secret");
        assertEquals(6, Testenv.totp(env.user("keytotp").totpSecret()).length());
    }

    @Test
    void socksProxiesAndTheChainReachTheSshd() throws IOException {
        Testenv env = Testenv.requireSsh();
        Testenv.Endpoint target = env.ssh();
        try (Socket socket = connect(env.socks())) {
            socks5Connect(socket, null, null, target);
            assertTrue(readLine(socket.getInputStream()).startsWith("SSH-2.0-"), "through microsocks");
        }
        try (Socket socket = connect(env.socksWithAuth())) {
            socks5Connect(socket, env.socksUsername(), env.socksPassword(), target);
            assertTrue(readLine(socket.getInputStream()).startsWith("SSH-2.0-"), "through microsocks with auth");
        }
        try (Socket socket = connect(env.socks())) {
            socks5Connect(socket, null, null, env.dante());
            socks5Connect(socket, null, null, target);
            assertTrue(readLine(socket.getInputStream()).startsWith("SSH-2.0-"), "through microsocks and dante");
        }
    }

    @Test
    void dockerdAnswersOnItsSocket() throws IOException {
        Testenv env = Testenv.requireDocker();
        Path socket = Path.of(env.get("docker.host").replaceFirst("^unix://", ""));
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(
                    ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) > 0) {
                response.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            String text = response.toString(StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("HTTP/1.0 200") || text.startsWith("HTTP/1.1 200"), text);
            assertTrue(text.contains("Api-Version: " + env.get("docker.apiVersion")), text);
            assertTrue(text.endsWith("OK"), text);
        }
    }

    private static Socket connect(Testenv.Endpoint endpoint) throws IOException {
        Socket socket = new Socket();
        socket.connect(endpoint.address(), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String banner(Testenv.Endpoint endpoint) throws IOException {
        try (Socket socket = connect(endpoint)) {
            return readLine(socket.getInputStream());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** RFC 1928 CONNECT to an IPv4 target, with RFC 1929 username/password when given. */
    private static void socks5Connect(Socket socket, String username, String password, Testenv.Endpoint target)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write(username == null ? new byte[] {5, 1, 0} : new byte[] {5, 1, 2});
        byte[] choice = in.readNBytes(2);
        assertEquals(5, choice[0]);
        assertEquals(username == null ? 0 : 2, choice[1], "method chosen by the proxy");
        if (username != null) {
            ByteArrayOutputStream auth = new ByteArrayOutputStream();
            auth.write(1);
            auth.write(username.length());
            auth.writeBytes(username.getBytes(StandardCharsets.US_ASCII));
            auth.write(password.length());
            auth.writeBytes(password.getBytes(StandardCharsets.US_ASCII));
            out.write(auth.toByteArray());
            assertEquals(0, in.readNBytes(2)[1], "username/password accepted");
        }
        ByteBuffer request = ByteBuffer.allocate(10).put(new byte[] {5, 1, 0, 1});
        for (String part : target.host().split("\\.")) {
            request.put((byte) Integer.parseInt(part));
        }
        request.putShort((short) target.port());
        out.write(request.array());
        byte[] reply = in.readNBytes(4);
        assertEquals(0, reply[1], "CONNECT " + target + " granted");
        in.readNBytes(reply[3] == 4 ? 18 : 6); // the bound address and port
    }

    /** OpenSSH's fingerprint of a public key file: SHA256 of the key blob, base64 without padding. */
    private static String fingerprint(Path publicKeyFile) throws Exception {
        String blob = Files.readString(publicKeyFile).trim().split("\\s+")[1];
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}
