package dev.porthole.api;

/**
 * JSON without a JSON library in the plugin. Values are trees of JDK types: {@code Map<String, ?>}, {@code List<?>},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}. Writing also takes records (by component),
 * {@code Optional}, enums (by name; {@link dev.porthole.api.hosts.HostAccess} as the HTTP API spells it, {@code use})
 * and {@code java.time} values (ISO-8601 strings). To read a request body into a record, use
 * {@link dev.porthole.api.http.Request#body(Class)}.
 */
@Api(since = "0.1.0", stability = Api.Stability.STABLE)
public interface Json {
    /**
     * Parses a JSON document into a tree.
     *
     * @param json the document
     * @return the tree
     * @throws IllegalArgumentException for malformed input, saying where and nothing else: {@code malformed JSON at
     *     line 1 column 7}, fit to pass on to a client
     */
    Object read(String json);

    /**
     * Writes a value as JSON.
     *
     * @param value a tree of JDK types, a record, or any of the values above
     * @return the JSON text
     * @throws IllegalArgumentException for a value of another type
     */
    String write(Object value);
}
