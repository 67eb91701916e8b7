package dev.porthole.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * A request line or headers longer than the server reads (4096 and 8192 bytes) are refused before any route is looked
 * up, so every path, the host's and the plugins', answers them alike: 414 and 431 with a problem, not the framework's
 * 413 for every too-long part of a request.
 */
@MicronautTest(transactional = false)
class RequestHeadTooLongTest extends PlatformTestBase {
    RequestHeadTooLongTest() {
        super(TestDatabase.H2);
    }

    @Test
    void a_path_longer_than_the_request_line_limit_is_414_uri_too_long_as_a_problem() {
        for (String path : new String[] {"/api/hosts/" + "1".repeat(5000), "/docker/containers/" + "a".repeat(5000)}) {
            Reply reply = api().get(path, admin());

            assertProblem(reply, 414, "Request-URI Too Long");
            assertThat((String) reply.field("detail")).contains("4096");
            assertThat(reply.header("Connection"))
                    .as("the connection ends here")
                    .isEqualToIgnoringCase("close");
        }
        assertThat(api().get("/api/version", Auth.NONE).status())
                .as("the server still serves")
                .isEqualTo(200);
    }

    @Test
    void headers_longer_than_the_limit_are_431_as_a_problem() {
        Reply reply = api().get("/api/version", request -> request.header("X-Padding", "p".repeat(10_000)));

        assertProblem(reply, 431, "Request Header Fields Too Large");
        assertThat(reply.header("Connection")).as("the connection ends here").isEqualToIgnoringCase("close");
    }

    @Test
    void a_path_within_the_limit_is_routed_as_usual() {
        assertThat(api().get("/api/hosts/" + "1".repeat(3000), admin()).status())
                .isNotIn(413, 414);
    }

    private static void assertProblem(Reply reply, int status, String title) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.map())
                .containsEntry("status", status)
                .containsEntry("title", title)
                .containsEntry("type", "about:blank");
    }
}
