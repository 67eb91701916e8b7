package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.porthole.docker.engine.DaemonRefusal;
import dev.porthole.docker.engine.DockerEngine;
import dev.porthole.docker.transport.DialStdioClientConfig;
import dev.porthole.docker.transport.DialStdioDockerHttpClient;
import dev.porthole.docker.transport.DialStdioException;
import dev.porthole.plugins.containers.spi.ContainerAction;
import dev.porthole.plugins.containers.spi.RuntimeFailure;
import dev.porthole.plugins.containers.spi.RuntimeFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon's answers as dockerd 20.10 gives them (status and body seen on the real daemon). */
class FailuresTest {
    private final DockerEngine engine = DockerEngine.over(new DialStdioDockerHttpClient(
            () -> {
                throw new IOException("never opened");
            },
            DialStdioClientConfig.DEFAULTS));
    private final Failures failures = new Failures("the Docker socket /run/test.sock", engine);

    @AfterEach
    void close() throws IOException {
        engine.close();
    }

    @Test
    void a_304_to_start_is_already_started_and_to_stop_already_stopped() {
        assertThat(failure(new NotModifiedException(""), "web", ContainerAction.START))
                .returns(Kind.ALREADY_STARTED, RuntimeFailure::kind)
                .returns("Container web is already running", RuntimeFailure::getMessage);
        assertThat(failure(new NotModifiedException(""), "web", ContainerAction.STOP))
                .returns(Kind.ALREADY_STOPPED, RuntimeFailure::kind)
                .returns("Container web is not running", RuntimeFailure::getMessage);
    }

    @Test
    void a_404_is_not_found_with_the_daemons_words() {
        assertThat(failure(new NotFoundException("{\"message\":\"No such container: nonesuch\"}\n"), "nonesuch", null))
                .returns(Kind.NOT_FOUND, RuntimeFailure::kind)
                .returns("No such container: nonesuch", RuntimeFailure::getMessage);
        assertThat(failures.translate(new DaemonRefusal(404, "No such container: x"), "x", null))
                .isInstanceOfSatisfying(
                        RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void a_409_is_a_conflict() {
        String body = "{\"message\":\"Container 0f6b is not running\"}";

        assertThat(failure(new ConflictException(body), "0f6b", ContainerAction.PAUSE))
                .returns(Kind.CONFLICT, RuntimeFailure::kind)
                .returns("Container 0f6b is not running", RuntimeFailure::getMessage);
    }

    @Test
    void a_500_that_names_the_containers_state_is_a_conflict_too() {
        // dockerd 20.10's answer to unpause of a running container
        String body = "{\"message\":\"Container 0f6b is not paused\"}";

        assertThat(failure(new InternalServerErrorException(body), "0f6b", ContainerAction.UNPAUSE)
                        .kind())
                .isEqualTo(Kind.CONFLICT);
    }

    @Test
    void other_refusals_are_failed_with_the_daemons_words() {
        String ambiguous = "{\"message\":\"Multiple IDs found with provided prefix: 0\"}";

        assertThat(failure(new InternalServerErrorException(ambiguous), "0", ContainerAction.START))
                .returns(Kind.FAILED, RuntimeFailure::kind)
                .returns("Multiple IDs found with provided prefix: 0", RuntimeFailure::getMessage);
        assertThat(failure(new BadRequestException("not json"), "x", null).getMessage())
                .isEqualTo("Status 400: not json");
    }

    @Test
    void a_transport_failure_is_unavailable_naming_the_endpoint() {
        DialStdioException broken = new DialStdioException(
                "cannot connect to the Docker socket /run/test.sock: Connection refused", new IOException(), null);

        assertThat(failure(broken, null, null))
                .returns(Kind.UNAVAILABLE, RuntimeFailure::kind)
                .returns(
                        "the Docker socket /run/test.sock cannot be reached: cannot connect to the Docker socket"
                                + " /run/test.sock: Connection refused",
                        RuntimeFailure::getMessage);
        assertThat(failure(new RuntimeException(new IOException("cut")), null, null)
                        .kind())
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(new UncheckedIOException(new IOException("cut")), null, null)
                        .kind())
                .isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void a_fault_of_ours_is_not_disguised() {
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(failures.translate(bug, "x", null)).isSameAs(bug);
    }

    private RuntimeFailure failure(RuntimeException e, String ref, ContainerAction action) {
        return (RuntimeFailure) failures.translate(e, ref, action);
    }
}
