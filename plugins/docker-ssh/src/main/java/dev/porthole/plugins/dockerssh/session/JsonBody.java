package dev.porthole.plugins.dockerssh.session;

import dev.porthole.api.http.Request;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request body's JSON object; a field of the wrong type is a 400 naming it. An empty string counts as absent. */
final class JsonBody {
    private final Map<?, ?> fields;
    private final String prefix;

    private JsonBody(Map<?, ?> fields, String prefix) {
        this.fields = fields;
        this.prefix = prefix;
    }

    static JsonBody of(Request request) {
        if (request.body().length == 0) {
            return new JsonBody(Map.of(), "");
        }
        if (request.bodyJson() instanceof Map<?, ?> map) {
            return new JsonBody(map, "");
        }
        throw DockerErrors.badField("body", "must be a JSON object");
    }

    Optional<String> string(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        throw DockerErrors.badField(prefix + name, "must be a string");
    }

    String requiredString(String name) {
        return string(name)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> DockerErrors.badField(prefix + name, "is required"));
    }

    /** A whole number, also when a client sends it as a string ({@code "12"}). */
    Optional<Long> number(String name) {
        Object value = fields.get(name);
        if (value == null || "".equals(value)) {
            return Optional.empty();
        }
        try {
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return Optional.of(n.longValue());
            }
            if (value instanceof String text) {
                return Optional.of(Long.parseLong(text.strip()));
            }
        } catch (NumberFormatException notANumber) {
            // the 400 below
        }
        throw DockerErrors.badField(prefix + name, "must be a whole number");
    }

    boolean flag(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw DockerErrors.badField(prefix + name, "must be true or false");
    }

    /** The objects of an array field, each as a body whose errors name {@code name[i].field}. */
    List<JsonBody> objects(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw DockerErrors.badField(prefix + name, "must be an array");
        }
        return java.util.stream.IntStream.range(0, list.size())
                .mapToObj(i -> {
                    if (list.get(i) instanceof Map<?, ?> map) {
                        return new JsonBody(map, prefix + name + "[" + i + "].");
                    }
                    throw DockerErrors.badField(prefix + name + "[" + i + "]", "must be an object");
                })
                .toList();
    }

    String field(String name) {
        return prefix + name;
    }
}
