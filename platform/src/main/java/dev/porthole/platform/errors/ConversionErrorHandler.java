package dev.porthole.platform.errors;

import dev.porthole.platform.json.MalformedJson;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A path variable, query value or body field of the wrong type: 400 naming it ({@code id}, {@code proxies.port}) with
 * the type it must have, instead of the framework's "Failed to convert argument" with Java type names. A body value
 * whose property the deserializer did not name is told by its place in the body.
 */
@Produces
@Singleton
@Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
final class ConversionErrorHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    ConversionErrorHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        return errors.processResponse(
                ErrorContext.builder(request)
                        .cause(exception)
                        .error(entry(exception))
                        .build(),
                HttpResponse.badRequest());
    }

    private static FieldErrorEntry entry(ConversionErrorException exception) {
        Argument<?> argument = exception.getArgument();
        if (!"body".equals(argument.getName())) {
            return new FieldErrorEntry(argument.getName(), mustBe(argument.getType()));
        }
        // the deserializer wraps a property's failure once per enclosing property, outermost first
        List<Argument<?>> properties = new ArrayList<>();
        for (Throwable cause = exception.getConversionError().getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            if (cause instanceof InvalidPropertyFormatException property) {
                properties.add(property.getArgument());
            }
        }
        String place = MalformedJson.location(exception.getConversionError().getCause())
                .map(where -> " (line " + where[0] + " column " + where[1] + ")")
                .orElse("");
        if (properties.isEmpty()) {
            return new FieldErrorEntry("body", "a value has the wrong type" + place);
        }
        String path =
                String.join(".", properties.stream().map(Argument::getName).toList());
        return new FieldErrorEntry(
                path, mustBe(properties.get(properties.size() - 1).getType()) + place);
    }

    /** The rule a value of this type follows, in the API's words. */
    static String mustBe(Class<?> type) {
        Class<?> boxed = Argument.of(type).getWrapperType();
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "must be a number";
        }
        if (boxed == Boolean.class) {
            return "must be true or false";
        }
        if (boxed == String.class || boxed.isEnum()) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(boxed) || boxed.isArray()) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(boxed) || boxed.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
