package dev.porthole.platform.json;

import dev.porthole.api.Json;
import dev.porthole.api.hosts.HostAccess;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for plugins: trees of JDK types in and out. Plugin values (records, enums) are turned into trees here rather
 * than handed to the serializer, so that no serializer cache ever holds a plugin class and keeps its class loader
 * alive after the plugin is removed.
 */
@Singleton
public final class JsonTrees implements Json {
    private final JsonMapper mapper;

    JsonTrees(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses UTF-8 JSON into a tree; malformed input is an {@link IllegalArgumentException} saying where ({@code malformed
     * JSON at line 1 column 6}) and nothing of the parser.
     */
    public Object read(byte[] json) {
        try {
            return mapper.readValue(json, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new IllegalArgumentException(MalformedJson.describe(e), e);
        }
    }

    @Override
    public String write(Object value) {
        return new String(writeBytes(value), StandardCharsets.UTF_8);
    }

    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(toTree(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as a tree of maps, lists, strings, numbers, booleans and nulls. */
    public static Object toTree(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Optional<?> optional) {
            return toTree(optional.orElse(null));
        }
        if (value instanceof HostAccess level) {
            return level.toString(); // as the HTTP API spells it
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof java.time.Duration || value instanceof java.util.UUID) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> tree = new LinkedHashMap<>();
            map.forEach((k, v) -> tree.put(String.valueOf(k), toTree(v)));
            return tree;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> tree = new ArrayList<>(collection.size());
            collection.forEach(v -> tree.add(toTree(v)));
            return tree;
        }
        if (value instanceof Object[] array) {
            return toTree(List.of(array));
        }
        if (value.getClass().isRecord()) {
            return recordTree(value);
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                + " as JSON; use maps, lists, strings, numbers, booleans, records, enums or java.time values");
    }

    private static Map<String, Object> recordTree(Object record) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                tree.put(component.getName(), toTree(component.getAccessor().invoke(record)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException(
                        "cannot read " + record.getClass().getName() + "." + component.getName(), e);
            }
        }
        return tree;
    }
}
