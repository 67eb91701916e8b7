package dev.porthole.test.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.porthole.api.http.HttpError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as a tree of JDK types: {@code Map} (in document order), {@code List}, {@code String}, {@code Integer},
 * {@code Long} or {@code BigInteger}, {@code Double}, {@code Boolean} and {@code null}, the same shapes a plugin writes.
 */
public final class JsonTree {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {}

    /** The tree of {@code text}; an {@link IllegalArgumentException} naming the text when it is not JSON. */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return readWhole(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage() + ": " + text, e);
        }
    }

    /**
     * A request body's tree, refused as the host refuses it: 400 {@code body: a JSON body is required} when empty,
     * {@code body: malformed JSON at line L column C} when it does not parse.
     */
    public static Object parseBody(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badField("body", "a JSON body is required");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            return readWhole(parser);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw HttpError.badField(
                    "body",
                    where == null
                            ? "malformed JSON"
                            : "malformed JSON at line " + where.getLineNr() + " column " + where.getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code tree} as JSON text: maps (string keys), iterables, strings, numbers, booleans and null; an {@link
     * IllegalArgumentException} naming anything else.
     */
    public static String write(Object tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof String string) {
            generator.writeString(string);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            generator.writeNumber(number.toString());
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    private static Object readWhole(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            throw new JsonParseException(parser, "the body is empty");
        }
        Object tree = read(parser);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "text after the value");
        }
        return tree;
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }
}
