package dev.porthole.platform.support;

import io.micronaut.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Porthole server in a JVM of its own, so that a test can kill it with SIGKILL ({@link #kill()}), which it cannot do
 * to the JVM it runs in. It runs the platform's main class with the compiled classes and libraries of the test class
 * path (the test classes left out), i.e. the code under test: {@code porthole.jar} is packed only after the tests run.
 * Its standard output goes to {@code server.log} beside the data directory, shown when it fails to start.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "dev.porthole.platform.Application";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI uri;
    private final Path log;
    private final ApiClient api;

    private ServerProcess(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
        this.api = new ApiClient(uri, JsonMapper.createDefault());
    }

    /**
     * Starts a server on {@code dataDir} with the given {@code porthole.*} settings (its database is the default H2
     * file under the data directory unless they name another) and the admin password of {@link PlatformTestBase},
     * and waits until {@code /health} answers 200.
     */
    public static ServerProcess start(Path dataDir, Map<String, String> settings) {
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                mainClassPath(),
                "-Dporthole.data-dir=" + dataDir,
                "-Dporthole.port=" + port,
                "-Dporthole.login.failures-per-address=100000"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(MAIN_CLASS);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the environment, not the command line, carries the password (ps shows the command line)
        builder.environment().put("PORTHOLE_ADMIN_PASSWORD", PlatformTestBase.ADMIN_PASSWORD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a server process", e);
        }
        ServerProcess server = new ServerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        server.awaitHealthy();
        return server;
    }

    public URI uri() {
        return uri;
    }

    public ApiClient api() {
        return api;
    }

    /** Logs the admin in and returns a bearer credential. */
    public ApiClient.Auth admin() {
        ApiClient.Reply reply = api.post(
                "/api/auth/login",
                Map.of("username", "admin", "password", PlatformTestBase.ADMIN_PASSWORD),
                ApiClient.Auth.NONE);
        if (reply.status() != 200) {
            throw new IllegalStateException("admin login failed: " + reply);
        }
        return ApiClient.Auth.bearer((String) reply.field("access_token"));
    }

    /** SIGKILL: the server gets no chance to flush, close or run a shutdown hook. Waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with " + process.exitValue() + "; its log:\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(uri.resolve("/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException(
                "the server did not answer /health within " + START_TIMEOUT + "; its log:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The test class path without the test classes: the platform's classes and every library beside them. */
    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
