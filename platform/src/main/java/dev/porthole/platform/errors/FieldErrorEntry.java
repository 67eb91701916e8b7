package dev.porthole.platform.errors;

import io.micronaut.http.server.exceptions.response.Error;
import java.util.Optional;

/** A framework error entry that carries the JSON path of the field it is about. */
record FieldErrorEntry(String field, String message) implements Error {
    @Override
    public Optional<String> getPath() {
        return Optional.of(field);
    }

    @Override
    public String getMessage() {
        return message;
    }
}
