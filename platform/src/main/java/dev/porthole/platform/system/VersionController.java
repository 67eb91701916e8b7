package dev.porthole.platform.system;

import dev.porthole.api.PluginApiVersion;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What is running: the platform's version and the plugin-api version plugins are checked against. */
@Controller("/api/version")
@Secured(SecurityRule.IS_ANONYMOUS)
class VersionController {
    private final VersionInfo info = new VersionInfo(
            "porthole",
            platformVersion(),
            PluginApiVersion.current(),
            Runtime.version().toString());

    @Serdeable
    record VersionInfo(String name, String version, String pluginApiVersion, String java) {}

    @Get
    VersionInfo version() {
        return info;
    }

    private static String platformVersion() {
        try (InputStream in = VersionController.class.getResourceAsStream("/porthole-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
