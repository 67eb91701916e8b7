package dev.porthole.test;

import dev.porthole.api.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(DockerTestenv.class)}: the class's tests need the local dockerd of Porthole's {@code
 * scripts/testenv} and its offline test image. Without them they are skipped with the reason, unless {@code
 * PORTHOLE_REQUIRE_E2E=1}, where they fail: CI provisions the daemon, and a skip there would hide a broken set-up.
 *
 * <pre>{@code
 * @ExtendWith(DockerTestenv.class)
 * class ContainersTest {
 *     @Test
 *     void listsARunningContainer() throws Exception {
 *         String id = DockerTestenv.cli("run", "-d", DockerTestenv.IMAGE, "sleep", "60");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class DockerTestenv implements BeforeEachCallback {
    /** Built offline from busybox-static, as shared/TESTBED.md describes; there is no registry to pull from. */
    public static final String IMAGE = "local/busybox:1";

    /** The extension; JUnit makes it for {@code @ExtendWith(DockerTestenv.class)}. */
    public DockerTestenv() {}

    /** Checked once per class; each test then reports the skip itself, so the reason shows in every report. */
    @Override
    public void beforeEach(ExtensionContext context) {
        String missing = context.getParent()
                .orElseThrow()
                .getStore(ExtensionContext.Namespace.create(DockerTestenv.class))
                .getOrComputeIfAbsent("missing", key -> missing(), String.class);
        if (missing.isEmpty()) {
            return;
        }
        if ("1".equals(System.getenv("PORTHOLE_REQUIRE_E2E"))) {
            Assertions.fail("PORTHOLE_REQUIRE_E2E=1 but " + missing);
        }
        Assumptions.abort("skipped: " + missing + " (set PORTHOLE_REQUIRE_E2E=1 to fail instead)");
    }

    /** What is missing, or "" when the daemon and the image are there. */
    private static String missing() {
        if (run(List.of("docker", "version", "--format", "{{.Server.Version}}")) != 0) {
            return "no Docker daemon answers `docker version` (scripts/testenv/docker.sh start)";
        }
        if (run(List.of("docker", "image", "inspect", IMAGE)) != 0) {
            return "the image " + IMAGE + " is missing (build it offline as shared/TESTBED.md says)";
        }
        return "";
    }

    private static int run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Runs the docker CLI against the local daemon, for a test's set-up and cross-checks.
     *
     * @param args the CLI's arguments, e.g. {@code "inspect", "--format", "{{.Id}}", name}
     * @return what it printed (stdout and stderr), stripped
     * @throws IOException if it could not run or ended with a status other than 0 (the message has its output)
     * @throws InterruptedException if interrupted while it runs
     */
    public static String cli(String... args) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(prepend(args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("docker " + String.join(" ", args) + " failed: " + out);
        }
        return out.strip();
    }

    private static List<String> prepend(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "docker";
        System.arraycopy(args, 0, all, 1, args.length);
        return List.of(all);
    }
}
