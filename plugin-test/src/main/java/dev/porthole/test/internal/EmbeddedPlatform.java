package dev.porthole.test.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real platform running in this JVM, in a class loader of its own. The test class path holds the plugin's classes
 * (Maven puts {@code target/classes} on it), and PF4J's plugin class loader asks its parent for any class it cannot find
 * itself: with the test class path as the platform's loader, a plugin class could come from there and the test would
 * pass where production fails. Here, as in production, only the plugin's own class loader can define them.
 *
 * <p>The loader holds the server jar packed into the harness ({@value #SERVER_JAR}, the same {@code porthole.jar} that
 * {@code ./porthole} runs, with every library of the host inside), so the plugin's test class path neither gives the
 * platform other library versions nor receives the host's. Inside this repository, where the harness's own tests run
 * before that jar is built, {@code -Dporthole.test.platform=class-path} takes the test class path instead, less the
 * hidden entries.
 *
 * <p>The harness and the platform share JDK types only, so the platform is driven by reflection on a few public
 * Micronaut and PF4J methods.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    static final String SERVER_JAR = "META-INF/porthole/porthole.jar";
    private static Path extractedServerJar;

    private final URLClassLoader loader;
    private final Object context;
    private final Object server;
    private final URI baseUrl;

    private EmbeddedPlatform(URLClassLoader loader, Object context, Object server, URI baseUrl) {
        this.loader = loader;
        this.context = context;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the platform with {@code properties} over its own {@code application.properties}. Environment variables are not
     * read, so that a developer's {@code PORTHOLE_*} settings cannot reach the test.
     *
     * @param hidden class path entries the platform must not see
     */
    public static EmbeddedPlatform start(Set<Path> hidden, Map<String, Object> properties) {
        URL[] classPath = "class-path".equals(System.getProperty("porthole.test.platform"))
                ? classPathWithout(hidden)
                : new URL[] {url(serverJar())};
        URLClassLoader loader =
                new URLClassLoader("porthole-platform", classPath, ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // threads the platform creates while starting (Netty's, the schedulers') inherit this loader
        thread.setContextClassLoader(loader);
        try {
            Class<?> contextType = loader.loadClass("io.micronaut.context.ApplicationContext");
            Class<?> builderType = loader.loadClass("io.micronaut.context.ApplicationContextBuilder");
            Object builder = invoke(contextType.getMethod("builder"), null);
            invoke(builderType.getMethod("classLoader", ClassLoader.class), builder, loader);
            invoke(builderType.getMethod("environmentPropertySource", boolean.class), builder, false);
            invoke(builderType.getMethod("properties", Map.class), builder, properties);
            Object context = invoke(builderType.getMethod("start"), builder);
            Class<?> serverType = loader.loadClass("io.micronaut.runtime.server.EmbeddedServer");
            Object server;
            try {
                server = invoke(contextType.getMethod("getBean", Class.class), context, serverType);
                invoke(serverType.getMethod("start"), server);
            } catch (RuntimeException | Error e) {
                invoke(contextType.getMethod("close"), context);
                throw e;
            }
            URI uri = (URI) invoke(serverType.getMethod("getURI"), server);
            return new EmbeddedPlatform(loader, context, server, uri);
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            closeQuietly(loader);
            throw new IllegalStateException(
                    "the Porthole platform did not start from " + Arrays.toString(classPath) + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The PF4J class loader of an installed plugin, or empty when no plugin {@code id} is loaded. */
    public Optional<ClassLoader> pluginClassLoader(String id) {
        try {
            Class<?> managerType = loader.loadClass("org.pf4j.PluginManager");
            Object manager = invoke(
                    loader.loadClass("io.micronaut.context.ApplicationContext").getMethod("getBean", Class.class),
                    context,
                    managerType);
            Object wrapper = invoke(managerType.getMethod("getPlugin", String.class), manager, id);
            if (wrapper == null) {
                return Optional.empty();
            }
            Method classLoader = loader.loadClass("org.pf4j.PluginWrapper").getMethod("getPluginClassLoader");
            return Optional.of((ClassLoader) invoke(classLoader, wrapper));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the platform's plugin manager", e);
        }
    }

    /** Stops the server and the application context (and with it every plugin), then drops the class loader. */
    @Override
    public void close() {
        try {
            invoke(
                    loader.loadClass("io.micronaut.runtime.server.EmbeddedServer")
                            .getMethod("stop"),
                    server);
            invoke(loader.loadClass("io.micronaut.context.ApplicationContext").getMethod("close"), context);
            awaitThreadsOf(loader, SHUTDOWN_GRACE);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot stop the platform", e);
        } finally {
            removeSecurityProvidersOf(loader);
            closeQuietly(loader);
        }
    }

    /**
     * The platform's SSH library registers Bouncy Castle as a JVM-wide security provider. Left behind, it would hold
     * the closed loader and answer the next platform started in this JVM with classes it can no longer load.
     */
    private static void removeSecurityProvidersOf(ClassLoader loader) {
        for (Provider provider : Security.getProviders()) {
            if (provider.getClass().getClassLoader() == loader) {
                Security.removeProvider(provider.getName());
            }
        }
    }

    /**
     * Waits for the platform's threads to end: Netty shuts its event loops down after the context has closed, and a
     * thread still finishing needs classes that a closed loader can no longer load.
     */
    private static void awaitThreadsOf(ClassLoader loader, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread == Thread.currentThread() || thread.getContextClassLoader() != loader) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The server jar, copied out of the harness jar once per JVM: a class loader reads jars from files. */
    private static synchronized Path serverJar() {
        if (extractedServerJar == null) {
            try (InputStream in = EmbeddedPlatform.class.getClassLoader().getResourceAsStream(SERVER_JAR)) {
                if (in == null) {
                    throw new IllegalStateException(SERVER_JAR + " is missing from the harness jar; inside the Porthole"
                            + " repository, run with -Dporthole.test.platform=class-path");
                }
                Path file = Files.createTempFile("porthole-server-", ".jar");
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                extractedServerJar = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy out the server jar", e);
            }
        }
        return extractedServerJar;
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("class path entry " + path, e);
        }
    }

    /** Surefire and IDEs put the whole test class path in {@code java.class.path}. */
    private static URL[] classPathWithout(Set<Path> hidden) {
        Set<Path> excluded = hidden.stream().map(EmbeddedPlatform::normalized).collect(Collectors.toSet());
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank() || excluded.contains(normalized(Path.of(entry)))) {
                continue;
            }
            urls.add(url(Path.of(entry)));
        }
        return urls.toArray(URL[]::new);
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static Object invoke(Method method, Object target, Object... arguments) throws IllegalAccessException {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(method.getName() + " failed: " + cause, cause);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // only open jar files are left to the garbage collector; nothing the test depends on
        }
    }
}
