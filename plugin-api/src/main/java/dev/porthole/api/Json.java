package dev.porthole.api;

/**
 * JSON without a JSON library in the plugin. Values are trees of JDK types: {@code Map<String, ?>}, {@code List<?>},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}. Writing also takes records (by component),
 * {@code Optional}, enums (by name) and {@code java.time} values (ISO-8601 strings).
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Json {
    /** Parses a JSON document into a tree; malformed input is an {@link IllegalArgumentException} saying where. */
    Object read(String json);

    String write(Object value);
}
