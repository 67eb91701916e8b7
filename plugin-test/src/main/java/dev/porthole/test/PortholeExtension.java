package dev.porthole.test;

import dev.porthole.api.Api;
import dev.porthole.test.internal.EmbeddedPlatform;
import dev.porthole.test.internal.PluginBuildOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithPorthole}: one platform per test class, shared by its {@code @Nested}
 * classes. Use the annotation; this class is public only because JUnit instantiates it.
 */
@Api(since = "0.2.0", stability = Api.Stability.EXPERIMENTAL)
public final class PortholeExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PortholeExtension.class);
    private static final String KEY = "porthole";

    /** A platform and who started it: a nested class finds its outer class's and must not stop it. */
    private record Running(String owner, EmbeddedPlatform platform, Porthole porthole, Path dataDir) {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(KEY, Running.class) != null) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        WithPorthole settings = AnnotationSupport.findAnnotation(testClass, WithPorthole.class)
                .orElseThrow(() ->
                        new ExtensionConfigurationException("annotate " + testClass.getName() + " with @WithPorthole"));
        PluginBuildOutput plugin = PluginBuildOutput.read(Path.of(settings.pluginClasses()));
        List<PluginBuildOutput> required = Arrays.stream(settings.requiredPlugins())
                .map(dir -> PluginBuildOutput.read(Path.of(dir)))
                .toList();
        Set<Path> hidden = new HashSet<>(Set.of(plugin.dir(), testClassesOf(testClass)));
        for (PluginBuildOutput dependency : required) {
            hidden.add(dependency.dir());
            hidden.addAll(copiesOnTestClassPath(dependency));
        }
        Path dataDir = Files.createTempDirectory("porthole-test-");
        Map<String, Object> properties = new HashMap<>();
        properties.put("porthole.data-dir", dataDir.toString());
        properties.put("porthole.admin-password", Porthole.ADMIN_PASSWORD);
        properties.put("micronaut.server.port", -1);
        properties.putAll(parse(settings.properties()));
        EmbeddedPlatform platform;
        try {
            platform = EmbeddedPlatform.start(hidden, properties);
        } catch (RuntimeException e) {
            deleteRecursively(dataDir);
            throw e;
        }
        Porthole porthole = new Porthole(platform, plugin, dataDir);
        // stored before the install, so that the platform is stopped even when the install fails
        store.put(KEY, new Running(context.getUniqueId(), platform, porthole, dataDir));
        for (PluginBuildOutput dependency : required) {
            install(porthole, dependency);
        }
        install(porthole, plugin);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(KEY, Running.class);
        if (running == null || !running.owner().equals(context.getUniqueId())) {
            return;
        }
        context.getStore(NAMESPACE).remove(KEY);
        try {
            running.platform().close();
        } finally {
            deleteRecursively(running.dataDir());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Porthole.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(KEY, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("no Porthole platform runs for " + context.getDisplayName()
                    + "; it starts before all tests of a @WithPorthole class");
        }
        return running.porthole();
    }

    /**
     * Installs the plugin, requires it STARTED, and checks that the server's plugin class loader defines the plugin's
     * extension classes: if the platform could see the test class path's copy, the test would prove nothing.
     */
    private static void install(Porthole porthole, PluginBuildOutput plugin) throws ClassNotFoundException {
        porthole.install(plugin);
        ClassLoader loader = porthole.pluginClassLoader(plugin.pluginId());
        for (String extension : plugin.extensions()) {
            ClassLoader definer = loader.loadClass(extension).getClassLoader();
            if (definer != loader) {
                throw new IllegalStateException(
                        extension + " was loaded by " + definer + ", not by the plugin's class loader " + loader);
            }
            if (visible(extension, loader.getParent())) {
                throw new IllegalStateException(extension + " is on the platform's class path; the plugin must reach"
                        + " the platform only as its jar");
            }
        }
    }

    private static boolean visible(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Where the test class path has a required plugin's classes besides its build output: the plugin under test
     * compiles against it in scope {@code provided}, which Maven resolves to the installed jar outside a reactor build.
     */
    private static Set<Path> copiesOnTestClassPath(PluginBuildOutput plugin) throws URISyntaxException {
        Set<Path> copies = new HashSet<>();
        ClassLoader testClassPath = Thread.currentThread().getContextClassLoader();
        for (String extension : plugin.extensions()) {
            try {
                CodeSource source = Class.forName(extension, false, testClassPath)
                        .getProtectionDomain()
                        .getCodeSource();
                if (source != null) {
                    copies.add(Path.of(source.getLocation().toURI()));
                }
            } catch (ClassNotFoundException e) {
                // not on the test class path: nothing to hide
            }
        }
        return copies;
    }

    /** The test class's own output directory, kept from the platform like the plugin's classes. */
    private static Path testClassesOf(Class<?> testClass) throws URISyntaxException {
        return Path.of(
                testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Map<String, String> parse(String[] properties) {
        Map<String, String> parsed = new HashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw new ExtensionConfigurationException(
                        "@WithPorthole(properties) takes key=value, not '" + property + "'");
            }
            parsed.put(property.substring(0, equals).trim(), property.substring(equals + 1));
        }
        return parsed;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test data directory " + dir, e);
        }
    }
}
