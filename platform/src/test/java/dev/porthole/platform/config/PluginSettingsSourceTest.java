package dev.porthole.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.Settings;
import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySource.PropertyConvention;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginSettingsSourceTest {
    private final Environment environment = environment();
    private final Settings settings = new PluginSettingsSource(environment).forPlugin("my-plugin");

    private static Environment environment() {
        Environment environment = new DefaultEnvironment(() -> List.of("test"));
        environment.addPropertySource(PropertySource.of(
                "config",
                Map.of(
                        "porthole.plugin-settings.my-plugin.greeting", "hello",
                        "porthole.plugin-settings.my-plugin.retries", "3",
                        "porthole.plugin-settings.my-plugin.many", "lots",
                        "porthole.plugin-settings.my-plugin.verbose", "TRUE",
                        "porthole.plugin-settings.my-plugin.timeout", "5m",
                        "porthole.plugin-settings.other.secret-word", "swordfish")));
        environment.addPropertySource(PropertySource.of(
                "env",
                Map.of("PORTHOLE_PLUGIN_SETTINGS_MY_PLUGIN_POLL_INTERVAL", "250ms"),
                PropertyConvention.ENVIRONMENT_VARIABLE));
        return environment.start();
    }

    @AfterAll
    void stop() {
        environment.stop();
    }

    @Test
    void settings_are_read_under_the_plugins_own_prefix() {
        assertThat(settings.get("greeting")).contains("hello");
        assertThat(settings.getInt("retries", 1)).isEqualTo(3);
        assertThat(settings.getBoolean("verbose", false)).isTrue();
        assertThat(settings.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.get("secret-word")).isEmpty();
    }

    @Test
    void an_environment_variable_reaches_the_kebab_case_key() {
        assertThat(settings.getDuration("poll-interval", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void absent_settings_take_the_default() {
        assertThat(settings.get("absent", "fallback")).isEqualTo("fallback");
        assertThat(settings.getInt("absent", 7)).isEqualTo(7);
        assertThat(settings.getBoolean("absent", true)).isTrue();
        assertThat(settings.getDuration("absent", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void a_value_that_is_not_a_number_names_the_property_and_the_value() {
        assertThatThrownBy(() -> settings.getInt("many", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("porthole.plugin-settings.my-plugin.many: 'lots' is not a whole number");
    }

    @Test
    void only_true_and_false_are_booleans() {
        assertThatThrownBy(() -> settings.getBoolean("retries", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("porthole.plugin-settings.my-plugin.retries")
                .hasMessageContaining("'3'");
    }

    @ParameterizedTest
    @CsvSource({"250ms,PT0.25S", "30s,PT30S", "5m,PT5M", "2h,PT2H", "1d,PT24H", "PT30S,PT30S", "pt1m,PT1M"})
    void durations_are_short_forms_or_iso(String value, String expected) {
        assertThat(PluginSettingsSourceTest.with(value).getDuration("d", Duration.ZERO))
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "10x", "1.5s", "-5s", "ms", "99999999999999999999d"})
    void anything_else_is_not_a_duration(String value) {
        assertThatThrownBy(() -> PluginSettingsSourceTest.with(value).getDuration("d", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("porthole.plugin-settings.p.d: '" + value
                        + "' is not a duration such as 250ms, 30s, 5m, 2h, 1d or PT30S");
    }

    private static Settings with(String value) {
        Environment environment = new DefaultEnvironment(() -> List.of("test"));
        environment.addPropertySource(PropertySource.of("config", Map.of("porthole.plugin-settings.p.d", value)));
        return new PluginSettingsSource(environment.start()).forPlugin("p");
    }
}
