package dev.porthole.api.http;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Binds a JSON tree (what {@link Request#bodyJson()} returns) to a plugin's type, by reflection on the type alone:
 * nothing is cached, so no structure of the host ever holds a plugin's class and keeps its class loader alive. A
 * value that does not fit is a 400 {@link HttpError#badField} naming it by its JSON path ({@code items[2].port}).
 */
final class JsonBinding {
    /** The values JSON carries as strings: time (ISO-8601, as the host writes them) and UUIDs. */
    private static final Map<Class<?>, Function<String, Object>> TEXT = Map.of(
            Instant.class, Instant::parse,
            Duration.class, Duration::parse,
            LocalDate.class, LocalDate::parse,
            LocalTime.class, LocalTime::parse,
            LocalDateTime.class, LocalDateTime::parse,
            OffsetDateTime.class, OffsetDateTime::parse,
            ZonedDateTime.class, ZonedDateTime::parse,
            UUID.class, UUID::fromString);

    private JsonBinding() {}

    static <T> T bind(Object tree, Class<T> type) {
        @SuppressWarnings("unchecked")
        T value = (T) value(tree, type, "");
        return value;
    }

    private static Object value(Object json, Type type, String path) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            return json == null ? Optional.empty() : Optional.of(value(json, argument(type, 0), path));
        }
        if (json == null) {
            throw bad(path, "is required");
        }
        if (raw == Object.class) {
            return json;
        }
        if (raw == String.class) {
            return expect(json, String.class, path, "must be a string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return expect(json, Boolean.class, path, "must be true or false");
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            return number(expect(json, Number.class, path, "must be a number"), raw, path);
        }
        if (raw.isEnum()) {
            return constant(expect(json, String.class, path, "must be a string"), raw, path);
        }
        if (raw.isRecord()) {
            return record(expect(json, Map.class, path, "must be an object"), raw, path);
        }
        if (raw == List.class || raw == Collection.class || raw == Set.class) {
            List<?> items = expect(json, List.class, path, "must be a list");
            Collection<Object> values = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                values.add(value(items.get(i), argument(type, 0), path + "[" + i + "]"));
            }
            return raw == Set.class ? Set.copyOf(values) : List.copyOf(values);
        }
        if (raw == Map.class) {
            Map<?, ?> entries = expect(json, Map.class, path, "must be an object");
            Class<?> keyType = raw(argument(type, 0));
            if (keyType != String.class && keyType != Object.class) {
                throw new IllegalArgumentException("a map read from JSON has String keys, not " + argument(type, 0));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            entries.forEach((key, item) -> values.put((String) key, value(item, argument(type, 1), field(path, key))));
            return values;
        }
        if (!TEXT.containsKey(raw)) {
            throw new IllegalArgumentException("cannot read a " + raw.getName()
                    + " from JSON; use records, lists, sets, maps, Optional, strings, numbers, booleans, enums,"
                    + " java.time values or UUIDs");
        }
        return text(expect(json, String.class, path, "must be a string"), raw, path);
    }

    private static Object record(Map<?, ?> json, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            values[i] =
                    value(json.get(component.getName()), component.getGenericType(), field(path, component.getName()));
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            // a compact constructor that checks its values speaks for the client: HttpError as thrown,
            // IllegalArgumentException as a 400 about this object
            if (e.getCause() instanceof HttpError error) {
                throw error;
            }
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw bad(path, invalid.getMessage());
            }
            throw new IllegalStateException("the constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object number(Number json, Class<?> type, String path) {
        BigDecimal decimal = json instanceof BigDecimal d
                ? d
                : json instanceof BigInteger i
                        ? new BigDecimal(i)
                        : json instanceof Double || json instanceof Float
                                ? BigDecimal.valueOf(json.doubleValue())
                                : BigDecimal.valueOf(json.longValue());
        try {
            if (type == int.class || type == Integer.class) {
                return decimal.intValueExact();
            }
            if (type == long.class || type == Long.class) {
                return decimal.longValueExact();
            }
            if (type == short.class || type == Short.class) {
                return decimal.shortValueExact();
            }
            if (type == byte.class || type == Byte.class) {
                return decimal.byteValueExact();
            }
            if (type == BigInteger.class) {
                return decimal.toBigIntegerExact();
            }
        } catch (ArithmeticException e) {
            throw bad(path, "must be a whole number" + range(type));
        }
        if (type == double.class || type == Double.class) {
            return decimal.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return decimal.floatValue();
        }
        if (type == BigDecimal.class) {
            return decimal;
        }
        if (type == Number.class) {
            return json;
        }
        throw new IllegalArgumentException("cannot read a " + type.getName() + " from JSON");
    }

    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return " from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return " from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return "";
    }

    /** An enum constant by name, in any case: {@code "use"} and {@code "USE"} are both {@code USE}. */
    private static Object constant(String json, Class<?> type, String path) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(json)) {
                return constant;
            }
        }
        throw bad(
                path,
                "must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(String::valueOf)
                                .collect(Collectors.joining(", ")));
    }

    private static Object text(String json, Class<?> type, String path) {
        try {
            return TEXT.get(type).apply(json);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw bad(path, "must be " + (type == UUID.class ? "a UUID" : "an ISO-8601 " + describe(type)));
        }
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "Instant" -> "instant such as 2025-05-01T09:30:00Z";
            case "Duration" -> "duration such as PT30S";
            default ->
                type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        };
    }

    private static <V> V expect(Object json, Class<V> kind, String path, String rule) {
        if (!kind.isInstance(json)) {
            throw bad(path, rule);
        }
        return kind.cast(json);
    }

    private static HttpError bad(String path, String message) {
        return HttpError.badField(path.isEmpty() ? "body" : path, message);
    }

    private static String field(String path, Object name) {
        return path.isEmpty() ? String.valueOf(name) : path + "." + name;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> || type instanceof GenericArrayType) {
            // a type parameter of a generic record: the tree as it is
            return Object.class;
        }
        throw new IllegalArgumentException("cannot read a " + type + " from JSON");
    }

    /** The {@code index}th type argument, {@code Object} for a raw type. */
    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
