package dev.porthole.plugins.stats.e2e;

import dev.porthole.test.SshTestenv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** OpenSSH's own {@code ssh} to the test sshd as a key user: what the commands give on the host, without Porthole. */
final class OpenSsh {
    private final SshTestenv env;
    private final String role;

    OpenSsh(SshTestenv env, String role) {
        this.env = env;
        this.role = role;
    }

    String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                        "ssh",
                        "-F",
                        "/dev/null",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "StrictHostKeyChecking=no",
                        "-o",
                        "UserKnownHostsFile=/dev/null",
                        "-o",
                        "LogLevel=ERROR",
                        "-i",
                        env.privateKeyFile("ed25519").toString(),
                        "-p",
                        Integer.toString(env.sshPort()),
                        env.userName(role) + "@" + env.sshHost(),
                        command))
                .redirectErrorStream(false)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ssh " + command + " failed: "
                    + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
