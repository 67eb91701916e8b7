package dev.porthole.plugins.dockerssh.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.http.HttpError;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsQueryTest {
    @Test
    void defaultsToTheLastHundredLinesWithoutTimestamps() {
        LogsQuery q = LogsQuery.parse(null, null, null, null);
        assertThat(q.apiParameters()).isEqualTo(Map.of("stdout", "1", "stderr", "1", "tail", "100"));
    }

    /**
     * The daemon counts {@code tail} from the end of the whole log and only then drops what is after {@code until}: the
     * default 100 would leave nothing of a busy container's past. Without a tail, {@code until} reads all that is
     * before it, as {@code docker logs --until} does.
     */
    @Test
    void untilWithoutTailReadsEverythingBeforeIt() {
        assertThat(LogsQuery.parse(null, null, null, "2024-05-01T12:00:00Z").apiParameters())
                .containsEntry("tail", "all")
                .containsEntry("until", "1714564800.000000000");
        assertThat(LogsQuery.parse("5", null, null, "2024-05-01T12:00:00Z").apiParameters())
                .containsEntry("tail", "5");
        assertThat(LogsQuery.parse(null, null, "2024-05-01T12:00:00Z", null).apiParameters())
                .containsEntry("tail", "100");
    }

    @Test
    void passesTailTimestampsAndBoundsAsTheCliDoes() {
        LogsQuery q = LogsQuery.parse("5", "true", "2024-05-01T12:00:00.5Z", "2024-05-01T14:00:00+02:00");
        assertThat(q.apiParameters())
                .containsEntry("tail", "5")
                .containsEntry("timestamps", "1")
                .containsEntry("since", "1714564800.500000000")
                .containsEntry("until", "1714564800.000000000");
        assertThat(LogsQuery.parse("all", "false", "1714564800.25", null).apiParameters())
                .containsEntry("tail", "all")
                .containsEntry("since", "1714564800.250000000")
                .doesNotContainKey("timestamps");
        assertThat(LogsQuery.parse(null, null, "1714564800", null).since()).contains(Instant.ofEpochSecond(1714564800));
    }

    @Test
    void refusesWhatItCannotReadNamingTheField() {
        assertBadField(() -> LogsQuery.parse("ten", null, null, null), "tail");
        assertBadField(() -> LogsQuery.parse("0", null, null, null), "tail");
        assertBadField(() -> LogsQuery.parse(null, "yes", null, null), "timestamps");
        assertBadField(() -> LogsQuery.parse(null, null, "yesterday", null), "since");
        assertBadField(() -> LogsQuery.parse(null, null, null, "2024-05-01 12:00"), "until");
        assertBadField(() -> LogsQuery.parse(null, null, "$(reboot)", null), "since");
    }

    @SuppressWarnings("unchecked")
    static void assertBadField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            Map<String, Object> body =
                    (Map<String, Object>) e.response().orElseThrow().body();
            assertThat(body)
                    .containsEntry("success", false)
                    .containsEntry("code", "INVALID_PARAMETER")
                    .containsEntry("field", field);
            assertThat((String) body.get("error")).startsWith(field + ": ");
        });
    }
}
