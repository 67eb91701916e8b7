package dev.porthole.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.porthole.api.hosts.HostAccess;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Binding JSON trees, as the host parses them, to records: values, defaults and the 400s that name the field. */
class JsonBindingTest {
    record Limits(long bytes, Optional<Duration> timeout) {}

    record Job(
            String name,
            int retries,
            boolean enabled,
            double weight,
            BigDecimal price,
            Instant at,
            UUID id,
            HostAccess level,
            Set<String> tags,
            Map<String, Limits> limits,
            Optional<List<Integer>> ports,
            Object extra) {}

    record Page<T>(List<T> items) {}

    private static Map<String, Object> job() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "backup");
        job.put("retries", 3);
        job.put("enabled", true);
        job.put("weight", 1);
        job.put("price", 9.5);
        job.put("at", "2025-05-01T09:30:00Z");
        job.put("id", "7f2c6d1e-0a4b-4c36-9d55-0e4f1a2b3c4d");
        job.put("level", "use");
        job.put("tags", List.of("a", "b", "a"));
        job.put("limits", Map.of("disk", Map.of("bytes", 1024L, "timeout", "PT30S")));
        job.put("extra", Map.of("free", List.of(1, "x")));
        job.put("ignored", "unknown fields are ignored");
        return job;
    }

    private static HttpError refusal(Map<String, Object> json) {
        return assertThrows(HttpError.class, () -> JsonBinding.bind(json, Job.class));
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> json = job();
        json.put(key, value);
        return json;
    }

    @Test
    void every_supported_kind_of_value_is_bound() {
        Job job = JsonBinding.bind(job(), Job.class);

        assertEquals("backup", job.name());
        assertEquals(3, job.retries());
        assertEquals(1.0, job.weight());
        assertEquals(new BigDecimal("9.5"), job.price());
        assertEquals(Instant.parse("2025-05-01T09:30:00Z"), job.at());
        assertEquals(UUID.fromString("7f2c6d1e-0a4b-4c36-9d55-0e4f1a2b3c4d"), job.id());
        assertEquals(HostAccess.USE, job.level());
        assertEquals(Set.of("a", "b"), job.tags());
        assertEquals(
                new Limits(1024, Optional.of(Duration.ofSeconds(30))),
                job.limits().get("disk"));
        assertEquals(Optional.empty(), job.ports());
        assertEquals(Map.of("free", List.of(1, "x")), job.extra());
        assertEquals(
                HostAccess.OWNER,
                JsonBinding.bind(with("level", "OWNER"), Job.class).level());
        assertEquals(
                List.of(Map.of("a", 1)),
                JsonBinding.bind(Map.of("items", List.of(Map.of("a", 1))), Page.class)
                        .items());
    }

    @Test
    void a_missing_or_null_field_is_required_unless_optional() {
        Map<String, Object> missing = job();
        missing.remove("retries");
        Map<String, Object> nullOptional = with("ports", null);

        assertEquals("retries: is required", refusal(missing).getMessage());
        assertEquals("retries", refusal(missing).field().orElseThrow());
        assertEquals("name: is required", refusal(with("name", null)).getMessage());
        assertEquals(Optional.empty(), JsonBinding.bind(nullOptional, Job.class).ports());
    }

    @Test
    void a_value_of_the_wrong_type_is_named_by_its_json_path() {
        assertEquals("name: must be a string", refusal(with("name", 5)).getMessage());
        assertEquals(
                "enabled: must be true or false",
                refusal(with("enabled", "yes")).getMessage());
        assertEquals(
                "weight: must be a number", refusal(with("weight", "heavy")).getMessage());
        assertEquals(
                "retries: must be a whole number from -2147483648 to 2147483647",
                refusal(with("retries", 2.5)).getMessage());
        assertEquals(
                "retries: must be a whole number from -2147483648 to 2147483647",
                refusal(with("retries", 3_000_000_000L)).getMessage());
        assertEquals("tags: must be a list", refusal(with("tags", "a")).getMessage());
        assertEquals(
                "tags[1]: must be a string",
                refusal(with("tags", List.of("a", 2))).getMessage());
        assertEquals(
                "limits.disk.bytes: must be a number",
                refusal(with("limits", Map.of("disk", Map.of("bytes", "1k")))).getMessage());
        assertEquals(
                "limits.disk.timeout: must be an ISO-8601 duration such as PT30S",
                refusal(with("limits", Map.of("disk", Map.of("bytes", 1, "timeout", "30s"))))
                        .getMessage());
        assertEquals(
                "ports[0]: must be a number",
                refusal(with("ports", List.of("22"))).getMessage());
        assertEquals(
                "at: must be an ISO-8601 instant such as 2025-05-01T09:30:00Z",
                refusal(with("at", "yesterday")).getMessage());
        assertEquals("id: must be a UUID", refusal(with("id", "7")).getMessage());
        assertEquals(
                "level: must be one of view, use, manage, owner",
                refusal(with("level", "root")).getMessage());
        assertEquals(
                "body: must be an object",
                assertThrows(HttpError.class, () -> JsonBinding.bind(List.of(), Job.class))
                        .getMessage());
        assertEquals(400, refusal(with("name", 5)).status());
    }

    record Checked(String name) {
        Checked {
            if (name.isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
        }
    }

    record Nested(Checked inner) {}

    record Thrown(String name) {
        Thrown {
            throw HttpError.badField("name", "is taken");
        }
    }

    @Test
    void a_compact_constructor_that_refuses_its_values_speaks_for_the_client() {
        assertEquals(
                "inner: must not be blank",
                assertThrows(
                                HttpError.class,
                                () -> JsonBinding.bind(Map.of("inner", Map.of("name", " ")), Nested.class))
                        .getMessage());
        assertEquals(
                "name: is taken",
                assertThrows(HttpError.class, () -> JsonBinding.bind(Map.of("name", "x"), Thrown.class))
                        .getMessage());
    }

    static final class NotARecord {}

    @Test
    void a_type_that_cannot_be_bound_is_a_programming_error_not_a_400() {
        assertThrows(IllegalArgumentException.class, () -> JsonBinding.bind(Map.of(), NotARecord.class));
    }
}
