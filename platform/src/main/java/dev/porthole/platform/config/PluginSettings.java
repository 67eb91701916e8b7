package dev.porthole.platform.config;

import dev.porthole.api.Settings;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One plugin's settings; a value that does not parse is an error naming the property, never a silent default. */
final class PluginSettings implements Settings {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String prefix;
    private final Environment environment;

    PluginSettings(String prefix, Environment environment) {
        this.prefix = prefix;
        this.environment = environment;
    }

    @Override
    public Optional<String> get(String key) {
        return environment.getProperty(prefix + key, String.class);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        return parse(key, "a whole number", Integer::parseInt).orElse(defaultValue);
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        return parse(key, "true or false", PluginSettings::parseBoolean).orElse(defaultValue);
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
        return parse(key, "a duration such as 250ms, 30s, 5m, 2h, 1d or PT30S", PluginSettings::parseDuration)
                .orElse(defaultValue);
    }

    private <T> Optional<T> parse(String key, String expected, Function<String, T> parser) {
        return get(key).map(value -> {
            try {
                return parser.apply(value.strip());
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(prefix + key + ": '" + value + "' is not " + expected, e);
            }
        });
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static Duration parseDuration(String value) {
        Matcher simple = SHORT_DURATION.matcher(value);
        if (!simple.matches()) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
