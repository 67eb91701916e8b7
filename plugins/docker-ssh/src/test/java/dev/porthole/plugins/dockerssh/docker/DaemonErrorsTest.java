package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.porthole.api.http.HttpError;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.transport.DialStdioException;
import dev.porthole.docker.transport.StreamExit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How the daemon's refusals and a failed {@code dial-stdio} reach the client: status and code in the spec's shape. The
 * messages are what dockerd 20.10 answers here (the end-to-end tests provoke the same ones for real).
 */
class DaemonErrorsTest {
    private static final String ID = "6ba43d747b6fc18a078ddf66efde9c2119e789d4374c942d9b42ac2705152ba4";
    private static final ContainerRef WEB = new ContainerRef("web");

    /** Operations whose daemon answers every request with {@code status} and {@code {"message": message}}. */
    private static DockerOperations answering(int status, String message) {
        String body = "{\"message\":\"" + message + "\"}";
        return new DockerOperations(DockerEngine.over(daemon(() -> response(status, body))), 1024);
    }

    /** Operations whose {@code dial-stdio} command ended with {@code exit} before the daemon answered. */
    private static DockerOperations failingWith(StreamExit exit) {
        return new DockerOperations(
                DockerEngine.over(daemon(() -> {
                    throw new DialStdioException(
                            "docker system dial-stdio ended", new IOException("stream closed"), exit);
                })),
                1024);
    }

    @Test
    void stateConflictsAre409WithACodeForTheStateThatBlocks() {
        assertError(
                () -> answering(409, "Container " + ID + " is already paused").pause(WEB), 409, "CONTAINER_PAUSED");
        assertError(
                () -> answering(409, "cannot start a paused container, try unpause instead")
                        .start(WEB),
                409,
                "CONTAINER_PAUSED");
        assertError(
                () -> answering(409, "Container " + ID + " is not running").pause(WEB), 409, "CONTAINER_NOT_RUNNING");
        // dockerd answers 500 here, but it is the same kind of refusal
        assertError(
                () -> answering(500, "Container " + ID + " is not paused").unpause(WEB), 409, "CONTAINER_NOT_PAUSED");
    }

    @Test
    void anotherConflictIs409WithTheGenericCodeAndTheDaemonsWords() {
        String message = "Container " + ID + " is restarting, wait until the container is running";
        assertError(() -> answering(409, message).pause(WEB), 409, "CONTAINER_CONFLICT", body -> assertThat(body)
                .containsEntry("error", message));
    }

    @Test
    void anAmbiguousPrefixIs400NamingThePrefixWhateverStatusTheDaemonGives() {
        for (int status : List.of(400, 500)) {
            assertError(
                    () -> answering(status, "Multiple IDs found with provided prefix: 0")
                            .inspect(new ContainerRef("0")),
                    400,
                    "AMBIGUOUS_CONTAINER_ID",
                    body -> assertThat(body)
                            .containsEntry("field", "containerId")
                            .containsEntry(
                                    "error",
                                    "containerId: '0' is the start of more than one container's id; give more of it"));
        }
    }

    @Test
    void removingARunningContainerStaysTheSpecs400() {
        assertError(
                () -> answering(
                                409,
                                "You cannot remove a running container " + ID
                                        + ". Stop the container before attempting removal or force remove")
                        .remove(WEB, false),
                400,
                "CONTAINER_RUNNING");
    }

    @Test
    void anyOtherDaemonFailureIs500WithACode() {
        assertError(() -> answering(500, "driver failed").stats(WEB), 500, "DOCKER_ERROR", body -> assertThat(body)
                .containsEntry("error", "driver failed"));
        assertError(
                () -> answering(404, "No such container: web").logs(WEB, LogsQuery.parse(null, null, null, null)),
                404,
                "CONTAINER_NOT_FOUND");
    }

    @Test
    void aDialStdioRefusedTheSocketIsPermissionDeniedOnEveryRouteAsValidateSaysIt() {
        StreamExit refused = new StreamExit(
                1,
                "failed to open the raw stream connection: dial unix /var/run/docker.sock: connect: permission denied");
        assertThat(failingWith(refused).validate().code()).isEqualTo(Availability.PERMISSION_DENIED);
        assertError(() -> failingWith(refused).list(true), 403, "PERMISSION_DENIED");
        assertError(() -> failingWith(refused).inspect(WEB), 403, "PERMISSION_DENIED");
        assertError(() -> failingWith(refused).start(WEB), 403, "PERMISSION_DENIED");
    }

    @Test
    void aHostWithoutDockerOrWithItsDaemonDownIs503WithValidatesCode() {
        assertError(
                () -> failingWith(new StreamExit(127, "sh: 1: docker: not found"))
                        .list(true),
                503,
                "NOT_INSTALLED");
        assertError(
                () -> failingWith(new StreamExit(1, "dial unix /var/run/docker.sock: connect: connection refused"))
                        .list(true),
                503,
                "DAEMON_NOT_RUNNING");
        assertError(() -> failingWith(null).list(true), 503, "DAEMON_NOT_RUNNING");
    }

    private static void assertError(Runnable call, int status, String code) {
        assertError(call, status, code, body -> {});
    }

    @SuppressWarnings("unchecked")
    private static void assertError(Runnable call, int status, String code, Consumer<Map<String, Object>> more) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            Map<String, Object> body =
                    (Map<String, Object>) e.response().orElseThrow().body();
            assertThat(body).containsEntry("success", false).containsEntry("code", code);
            assertThat((String) body.get("error")).isNotBlank();
            more.accept(body);
        });
    }

    /** A transport that answers every request with what {@code answer} gives. */
    private static DockerHttpClient daemon(Supplier<DockerHttpClient.Response> answer) {
        return new DockerHttpClient() {
            @Override
            public Response execute(Request request) {
                return answer.get();
            }

            @Override
            public void close() {}
        };
    }

    private static DockerHttpClient.Response response(int status, String body) {
        return new DockerHttpClient.Response() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of("Content-Type", List.of("application/json"));
            }

            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void close() {}
        };
    }
}
