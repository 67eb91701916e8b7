package dev.porthole.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plugin under test depends on another: the fan plugin ({@code src/test-dependent}) depends on the probe and
 * implements its service interface, {@code Greeter}. Both build outputs are on the test class path, as a plugin
 * project's own classes and its provided dependency are.
 */
@WithPorthole(
        pluginClasses = "target/test-dependent/classes",
        requiredPlugins = "target/test-plugin/classes",
        properties = "porthole.plugin-settings.fan.greeting=Hi")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequiredPluginsTest {
    private static final String GREETER = "dev.porthole.testplugin.Greeter";

    @Test
    @Order(1)
    void the_required_plugin_runs_first_and_finds_the_extension_of_the_plugin_under_test(Porthole porthole) {
        assertThat(porthole.plugin("probe"))
                .hasValueSatisfying(probe -> assertThat(probe.state()).isEqualTo("STARTED"));
        assertThat(porthole.plugin())
                .hasValueSatisfying(fan -> assertThat(fan.state()).isEqualTo("STARTED"));

        assertThat(porthole.get("/probe/greeters").jsonArray()).containsExactly("fan: Hi, ann");
    }

    @Test
    @Order(2)
    void the_service_interface_is_the_required_plugins_class_reached_through_pf4j_not_the_platform(Porthole porthole)
            throws Exception {
        ClassLoader probe = porthole.pluginClassLoader("probe");

        Class<?> seenByFan = porthole.pluginClassLoader().loadClass(GREETER);

        assertThat(seenByFan.getClassLoader()).isSameAs(probe);
        assertThat(seenByFan).isNotSameAs(Class.forName(GREETER));
        assertThatThrownBy(() -> probe.getParent().loadClass(GREETER))
                .as("the platform's own class loader must not see the required plugin")
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    @Order(3)
    void the_plugin_under_test_is_removed_and_installed_again_while_its_dependency_runs(Porthole porthole) {
        ClassLoader probe = porthole.pluginClassLoader("probe");

        porthole.uninstallAndAwaitUnload(Duration.ofSeconds(30));

        assertThat(porthole.plugin()).isEmpty();
        assertThat(porthole.get("/probe/greeters").jsonArray()).isEmpty();

        PluginInfo again = porthole.install();

        assertThat(again.state()).isEqualTo("STARTED");
        assertThat(porthole.get("/probe/greeters").jsonArray()).isEqualTo(List.of("fan: Hi, ann"));
        assertThat(porthole.pluginClassLoader("probe"))
                .as("the required plugin was not restarted")
                .isSameAs(probe);
    }
}
