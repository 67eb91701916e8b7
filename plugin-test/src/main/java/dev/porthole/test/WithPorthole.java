package dev.porthole.test;

import dev.porthole.api.Api;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real Porthole platform with the plugin under test installed, in the spirit of Jenkins'
 * {@code @WithJenkins}. Before the first test the harness packs the plugin's build output into a plugin jar, starts a
 * platform on a random port with a fresh data directory and H2 database, and installs the jar through {@code POST
 * /api/plugins} as an admin would; the plugin must start. After the last test it stops the platform and deletes the
 * data directory. Test methods, constructors and lifecycle methods get a {@link Porthole} parameter.
 *
 * <p>The platform runs in a class loader of its own without the plugin's classes, so the plugin is loaded by PF4J's
 * plugin class loader from the installed jar, exactly as in production; the copy of the classes on the test class
 * path is never the one that serves.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PortholeExtension.class)
public @interface WithPorthole {
    /**
     * The plugin's build output: its classes, {@code plugin.properties} and {@code META-INF/extensions.idx}.
     *
     * @return the directory, relative to the working directory, which Maven's test run sets to the project directory
     */
    String pluginClasses() default "target/classes";

    /**
     * The build output of plugins the plugin under test depends on ({@code plugin.dependencies}), installed in this
     * order before it, each of which must start. Like the plugin under test, each is packed into a jar and kept from
     * the platform's class path, so that its classes are defined only by its own plugin class loader and the plugin
     * under test reaches them through PF4J's dependency delegation, as in production.
     *
     * @return directories relative to the working directory, e.g. {@code "../containers/target/classes"}
     */
    String[] requiredPlugins() default {};

    /**
     * Server settings over the defaults. Environment variables are not read by the harness's server.
     *
     * @return settings as {@code key=value}, e.g. {@code "porthole.plugin-settings.hello.greeting=Hi"}
     */
    String[] properties() default {};
}
