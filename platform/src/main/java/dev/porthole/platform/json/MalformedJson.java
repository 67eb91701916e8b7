package dev.porthole.platform.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client is told about JSON that does not parse: {@code malformed JSON at line 3 column 14}. The parser's own
 * message is not passed on: it names parser classes and features ({@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS},
 * {@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}) that mean nothing to the client and tell it what the server runs.
 */
public final class MalformedJson {
    /** How Jackson prints a location in messages that were wrapped as text by the deserializer. */
    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

    private MalformedJson() {}

    /** The words for a parse failure somewhere in {@code error}'s causes, with the place the parser gave. */
    public static String describe(Throwable error) {
        return location(error)
                .map(place -> "malformed JSON at line " + place[0] + " column " + place[1])
                .orElse("malformed JSON");
    }

    /** Line and column of the first parser location among {@code error}'s causes. */
    public static Optional<long[]> location(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonProcessingException parse && parse.getLocation() != null) {
                JsonLocation where = parse.getLocation();
                if (where.getLineNr() > 0) {
                    return Optional.of(new long[] {where.getLineNr(), where.getColumnNr()});
                }
            }
            if (cause.getMessage() != null) {
                Matcher matcher = LOCATION.matcher(cause.getMessage());
                if (matcher.find()) {
                    return Optional.of(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
                }
            }
        }
        return Optional.empty();
    }
}
