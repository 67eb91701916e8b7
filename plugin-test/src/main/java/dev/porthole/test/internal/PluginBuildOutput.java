package dev.porthole.test.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A plugin's build output directory ({@code target/classes}): what {@code porthole-plugin-parent} puts there is what the
 * plugin jar holds, the filtered {@code plugin.properties}, the classes with PF4J's {@code META-INF/extensions.idx}, the
 * migrations. Read before anything starts, so that a missing descriptor fails with a message saying what to do.
 *
 * @param dir the directory
 * @param pluginId {@code plugin.id} of its descriptor
 * @param extensions the classes listed in {@code META-INF/extensions.idx}
 */
public record PluginBuildOutput(Path dir, String pluginId, List<String> extensions) {
    private static final String DESCRIPTOR = "plugin.properties";
    private static final String EXTENSIONS = "META-INF/extensions.idx";

    public static PluginBuildOutput read(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path descriptor = absolute.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(descriptor)) {
            throw new IllegalStateException("no " + DESCRIPTOR + " in " + absolute
                    + ": the harness installs the plugin from its build output; build it first (mvn test does) and"
                    + " keep the descriptor in src/main/resources");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(descriptor)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = properties.getProperty("plugin.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(descriptor + " has no plugin.id");
        }
        Path index = absolute.resolve(EXTENSIONS);
        if (!Files.isRegularFile(index)) {
            throw new IllegalStateException("no " + EXTENSIONS + " in " + absolute
                    + ": annotate the class implementing PortholePlugin with @org.pf4j.Extension, and keep pf4j on the"
                    + " compile class path (the plugin parent does) so that its annotation processor writes the index");
        }
        List<String> extensions;
        try (Stream<String> lines = Files.lines(index, StandardCharsets.UTF_8)) {
            extensions = lines.map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PluginBuildOutput(absolute, id.trim(), extensions);
    }

    /** The directory as a plugin jar, as {@code mvn package} would write it. */
    public byte[] jar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes);
                Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted().toList()) {
                if (file.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(file).toString().replace('\\', '/');
                // directory entries too, as the jar plugin writes them: Flyway finds migrations by their directory
                if (Files.isDirectory(file)) {
                    jar.putNextEntry(new JarEntry(name + "/"));
                } else {
                    jar.putNextEntry(new JarEntry(name));
                    Files.copy(file, jar);
                }
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + dir, e);
        }
        return bytes.toByteArray();
    }
}
