package dev.porthole.plugins.dockerruntime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.porthole.plugins.containers.spi.ContainerEvent;
import org.junit.jupiter.api.Test;

class ContainerEventsTest {
    @Test
    void an_event_of_dockerd_as_it_sends_it() throws Exception {
        String event = """
                {"status":"die","id":"0f6bcff9009824099b8a7a738ad1f06b92d9d302c8af00ea04faaaf281ffb854",
                 "from":"local/busybox:1","Type":"container","Action":"die",
                 "Actor":{"ID":"0f6bcff9009824099b8a7a738ad1f06b92d9d302c8af00ea04faaaf281ffb854",
                          "Attributes":{"exitCode":"143","image":"local/busybox:1","name":"probe-run"}},
                 "scope":"local","time":1796661594,"timeNano":1796661594572688558}
                """;

        assertThat(ContainerEvents.of(new ObjectMapper().readTree(event)))
                .isEqualTo(new ContainerEvent("0f6bcff90098", "probe-run", "die", 1796661594));
    }

    @Test
    void an_action_with_a_detail_is_kept_whole() throws Exception {
        String event =
                "{\"Action\":\"health_status: healthy\",\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"name\":\"web\"}},"
                        + "\"time\":5}";

        assertThat(ContainerEvents.of(new ObjectMapper().readTree(event)).action())
                .isEqualTo("health_status: healthy");
    }
}
