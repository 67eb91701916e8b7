package dev.porthole.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in settings are a properties file; an operator's files may be YAML or properties (docs/configuration.md). */
class SettingsFilesTest {
    @TempDir
    Path dir;

    @Test
    void the_built_in_defaults_are_read() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();

            assertThat(environment.getProperty("porthole.port", Integer.class)).hasValue(8080);
            assertThat(environment.getProperty("datasources.default.url", String.class))
                    .hasValueSatisfying(url -> assertThat(url).startsWith("jdbc:h2:file:./data/porthole;"));
        }
    }

    @Test
    void an_operators_yaml_and_properties_files_override_them_the_later_winning() throws Exception {
        Path yaml =
                Files.writeString(dir.resolve("porthole.yml"), "porthole:\n  port: 9090\n  bind-address: 0.0.0.0\n");
        Path properties = Files.writeString(dir.resolve("later.properties"), "porthole.port=9191\n");
        System.setProperty("micronaut.config.files", yaml + "," + properties);
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();

            assertThat(environment.getProperty("porthole.bind-address", String.class))
                    .hasValue("0.0.0.0");
            assertThat(environment.getProperty("porthole.port", Integer.class)).hasValue(9191);
        } finally {
            System.clearProperty("micronaut.config.files");
        }
    }
}
