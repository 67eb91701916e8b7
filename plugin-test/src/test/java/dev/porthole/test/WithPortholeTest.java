package dev.porthole.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.http.HttpError;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One platform for the class; the last test removes the plugin. */
@WithPorthole(pluginClasses = "target/test-plugin/classes", properties = "porthole.plugin-settings.probe.greeting=Hi")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithPortholeTest {
    /** The probe plugin's body, declared again here: the plugin's classes are not on the test's compile path. */
    record Label(String name, List<String> tags) {}

    private static final String PLUGIN_CLASS = "dev.porthole.testplugin.ProbePlugin";
    private static URI outerBaseUrl;

    @Test
    @Order(1)
    void the_installed_plugin_serves_its_route_with_the_configured_setting(Porthole porthole) {
        outerBaseUrl = porthole.baseUrl();
        Reply reply = porthole.get("/probe/hello/ann");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.jsonObject()).containsEntry("greeting", "Hi, ann");
        assertThat(porthole.plugin()).hasValueSatisfying(plugin -> {
            assertThat(plugin.id()).isEqualTo("probe");
            assertThat(plugin.state()).isEqualTo("STARTED");
            assertThat(plugin.enabled()).isTrue();
        });
        assertThat(porthole.dataDir().resolve("plugins/probe.jar")).isRegularFile();
    }

    @Test
    @Order(2)
    void the_plugin_runs_from_its_pf4j_class_loader_not_from_the_test_class_path(Porthole porthole) throws Exception {
        Class<?> onTestClassPath = Class.forName(PLUGIN_CLASS);
        Class<?> served = porthole.pluginClassLoader().loadClass(PLUGIN_CLASS);

        assertThat(porthole.get("/probe/hello/ann").jsonObject()).containsEntry("loader", "org.pf4j.PluginClassLoader");
        assertThat(porthole.pluginClassLoader().getClass().getName()).isEqualTo("org.pf4j.PluginClassLoader");
        assertThat(served).isNotSameAs(onTestClassPath);
        assertThat(served.getClassLoader()).isSameAs(porthole.pluginClassLoader());
        assertThatThrownBy(() -> porthole.pluginClassLoader().getParent().loadClass(PLUGIN_CLASS))
                .as("the platform's own class loader must not see the plugin")
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    @Order(3)
    void access_rules_are_enforced_and_the_plugin_table_is_migrated(Porthole porthole) {
        assertThat(porthole.post("/probe/notes", "anonymous", null).status()).isEqualTo(401);

        String user = porthole.createUser("ann", "ann-password-1", "USER");

        assertThat(porthole.post("/probe/notes", "first", user).status()).isEqualTo(201);
        assertThat(porthole.get("/probe/notes", user).jsonArray()).containsExactly("first");
        assertThat(porthole.get("/probe/notes").status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void a_typed_body_is_bound_to_the_plugins_own_record_and_a_mismatch_is_a_400_naming_the_field(Porthole porthole) {
        Reply bound = porthole.post("/probe/labels", "{\"name\":\"web\",\"tags\":[\"a\",\"b\"],\"extra\":1}", null);
        Reply mistyped = porthole.post("/probe/labels", "{\"name\":\"web\",\"tags\":[\"a\",7]}", null);
        Reply missing = porthole.post("/probe/labels", "{\"tags\":[]}", null);
        Reply malformed = porthole.post("/probe/labels", "{\"name\":", null);

        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        assertThat(bound.jsonObject())
                .containsEntry("name", "web")
                .containsEntry("tags", java.util.List.of("a", "b"))
                .containsEntry("recordLoader", "org.pf4j.PluginClassLoader");
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.jsonObject()).containsEntry("detail", "tags[1]: must be a string");
        assertThat(missing.jsonObject()).containsEntry("detail", "name: is required");
        assertThat(malformed.jsonObject()).containsEntry("detail", "body: malformed JSON at line 1 column 9");
    }

    @Test
    @Order(3)
    void a_test_request_binds_and_refuses_bodies_in_the_words_the_host_answers(Porthole porthole) {
        for (String body : List.of("{\"name\":\"web\",\"tags\":[\"a\",7]}", "{\"tags\":[]}", "{\"name\":", "")) {
            Reply served = porthole.post("/probe/labels", body, null);
            TestRequest request = TestRequest.post("/probe/labels").withJson(body);

            assertThatThrownBy(() -> request.body(Label.class))
                    .as("body %s", body)
                    .isInstanceOfSatisfying(HttpError.class, e -> {
                        assertThat(e.status()).isEqualTo(served.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo(served.jsonObject().get("detail"));
                    });
        }
        Label bound = TestRequest.post("/probe/labels")
                .withJson("{\"name\":\"web\",\"tags\":[\"a\"]}")
                .body(Label.class);
        assertThat(bound).isEqualTo(new Label("web", List.of("a")));
    }

    @Test
    @Order(4)
    void jobs_and_event_streams_can_be_awaited(Porthole porthole) {
        PluginInfo.Job beat = porthole.awaitJobRuns("beat", 2, Duration.ofSeconds(20));

        assertThat(beat.runs()).isGreaterThanOrEqualTo(2);
        assertThat(beat.lastStarted()).isPresent();
        try (EventStream stream = porthole.openEvents("/probe/stream", porthole.adminToken())) {
            ServerSentEvent event = stream.next(Duration.ofSeconds(10));
            assertThat(event.event()).hasValue("greeting");
            assertThat(event.data()).isEqualTo("Hi");
        }
        try (EventStream refused = porthole.openEvents("/probe/stream", null)) {
            assertThatThrownBy(() -> refused.next(Duration.ofSeconds(10)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("got HTTP 401");
        }
    }

    @Nested
    class Nested_classes {
        @Test
        void share_the_platform_of_their_outer_class(Porthole porthole) {
            assertThat(porthole.baseUrl()).isEqualTo(outerBaseUrl);
        }
    }

    @Test
    @Order(10)
    void disable_withdraws_the_route_and_uninstall_removes_the_plugin(Porthole porthole) {
        assertThat(porthole.disable().state()).isEqualTo("DISABLED");
        assertThat(porthole.get("/probe/hello/ann").status()).isEqualTo(404);
        assertThat(porthole.enable().state()).isEqualTo("STARTED");
        assertThat(porthole.get("/probe/hello/ann").status()).isEqualTo(200);

        porthole.uninstall();

        assertThat(porthole.get("/probe/hello/ann").status()).isEqualTo(404);
        assertThat(porthole.plugin()).isEmpty();
        assertThat(Files.exists(porthole.dataDir().resolve("plugins/probe.jar")))
                .isFalse();
        assertThatThrownBy(porthole::pluginClassLoader).isInstanceOf(IllegalStateException.class);
    }
}
