package dev.porthole.plugins.dockerssh.docker;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What part of a container's log to read.
 *
 * @param tail the last this many lines, or empty for the whole log
 * @param timestamps prefix each line with its RFC 3339 timestamp
 * @param since only lines at or after this instant
 * @param until only lines before this instant
 */
public record LogsQuery(Optional<Integer> tail, boolean timestamps, Optional<Instant> since, Optional<Instant> until) {
    /**
     * Lines returned when the request names no tail and no {@code until}, as the reference implementation of the spec
     * does. With {@code until} the default is the whole log before it: the daemon counts a tail from the end of the
     * whole log before it drops the lines after {@code until}, so 100 would leave nothing of a busy container's past.
     */
    public static final int DEFAULT_TAIL = 100;

    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    public LogsQuery {
        tail.ifPresent(n -> {
            if (n < 1) {
                throw DockerErrors.badField("tail", "must be a positive number of lines");
            }
        });
    }

    /**
     * Reads the query parameters; a value that cannot be understood is a 400 naming it.
     *
     * @param tail a positive number of lines, {@code all}, or null for {@link #DEFAULT_TAIL} (all with {@code until})
     * @param timestamps {@code true} or {@code false}, or null for false
     * @param since RFC 3339 / ISO 8601 with an offset, or Unix seconds with an optional fraction; null for no bound
     * @param until as {@code since}
     */
    public static LogsQuery parse(String tail, String timestamps, String since, String until) {
        Optional<Instant> before = instant("until", until);
        return new LogsQuery(
                tail(tail, before.isPresent()),
                Flags.parse("timestamps", timestamps, false),
                instant("since", since),
                before);
    }

    private static Optional<Integer> tail(String value, boolean until) {
        if (value == null || value.isBlank()) {
            return until ? Optional.empty() : Optional.of(DEFAULT_TAIL);
        }
        if (value.equals("all")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw DockerErrors.badField("tail", "must be a positive number of lines or \"all\"");
        }
    }

    private static Optional<Instant> instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (UNIX_SECONDS.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            return Optional.of(Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw DockerErrors.badField(
                    field, "must be an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00Z) or Unix seconds");
        }
    }

    /** The Engine API's query parameters for these choices, both streams included. */
    Map<String, String> apiParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("stdout", "1");
        params.put("stderr", "1");
        params.put("tail", tail.map(String::valueOf).orElse("all"));
        if (timestamps) {
            params.put("timestamps", "1");
        }
        since.ifPresent(t -> params.put("since", unix(t)));
        until.ifPresent(t -> params.put("until", unix(t)));
        return params;
    }

    /** The daemon takes "seconds.nanoseconds", as the CLI sends it. */
    private static String unix(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }
}
