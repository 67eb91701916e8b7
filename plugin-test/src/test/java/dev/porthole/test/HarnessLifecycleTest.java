package dev.porthole.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs fixture classes through the JUnit launcher, to see what the harness leaves behind and how it fails. */
class HarnessLifecycleTest {
    private static volatile URI baseUrl;
    private static volatile Path dataDir;

    @WithPorthole(pluginClasses = "target/test-plugin/classes")
    static class RecordsItsPlatform {
        @Test
        void records(Porthole porthole) {
            baseUrl = porthole.baseUrl();
            dataDir = porthole.dataDir();
        }
    }

    @WithPorthole(pluginClasses = "target/no-such-build-output")
    static class WithoutBuildOutput {
        @Test
        void never_runs() {}
    }

    /** The fan plugin depends on the probe, which is not named in {@code requiredPlugins}. */
    @WithPorthole(pluginClasses = "target/test-dependent/classes")
    static class WithoutItsDependency {
        @Test
        void never_runs() {}
    }

    @Test
    void a_plugin_installed_without_the_plugin_it_depends_on_fails_the_class_naming_it() {
        TestExecutionSummary summary = run(WithoutItsDependency.class);

        assertThat(summary.getTestsStartedCount()).isZero();
        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(failure.getException())
                .hasMessageContaining("installing plugin fan from")
                .hasMessageContaining("needs plugin 'probe', which is not installed"));
    }

    @Test
    void after_the_class_the_server_is_stopped_and_its_data_directory_deleted() {
        TestExecutionSummary summary = run(RecordsItsPlatform.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
        assertThat(dataDir).isNotNull();
        assertThat(Files.exists(dataDir)).isFalse();
        HttpRequest health = HttpRequest.newBuilder(baseUrl.resolve("/health")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_missing_build_output_fails_the_class_saying_what_to_do() {
        TestExecutionSummary summary = run(WithoutBuildOutput.class);

        assertThat(summary.getTestsStartedCount()).isZero();
        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(failure.getException())
                .hasMessageContaining("no plugin.properties in")
                .hasMessageContaining("no-such-build-output"));
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(fixture))
                                .build(),
                        listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(failure -> failure.getException().toString())
                .toList()
                .toString();
    }
}
