package dev.porthole.platform.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin archive in a temp directory, as a plugin author's build would: the sources compiled against
 * plugin-api with PF4J's extension index, a {@code plugin.properties}, optional resources, and for a zip a {@code lib/}
 * jar. The classes exist nowhere on the test class path, so only the plugin's own class loader can load them.
 */
final class TestPluginJar {
    private final String id;
    private String version = "1.0.0";
    private String requires = ">=0.1.0";
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final Map<String, String> libSources = new LinkedHashMap<>();
    private final List<Path> compiledAgainst = new ArrayList<>();
    private String dependencies;
    private boolean descriptor = true;

    private TestPluginJar(String id) {
        this.id = id;
    }

    static TestPluginJar plugin(String id) {
        return new TestPluginJar(id);
    }

    TestPluginJar version(String version) {
        this.version = version;
        return this;
    }

    TestPluginJar requires(String requires) {
        this.requires = requires;
        return this;
    }

    /** {@code plugin.dependencies}, e.g. {@code "hub"} or {@code "hub@>=2.0.0"}. */
    TestPluginJar dependencies(String dependencies) {
        this.dependencies = dependencies;
        return this;
    }

    /**
     * Compiles against the classes of another test plugin, built before into {@code dir}, without shipping them: as a
     * plugin compiles against the plugin it depends on in scope {@code provided}.
     */
    TestPluginJar compiledAgainst(TestPluginJar other, Path dir) {
        compiledAgainst.add(other.classesIn(dir));
        return this;
    }

    /** Where {@link #buildJar} and {@link #buildZip} compile the plugin's classes. */
    Path classesIn(Path dir) {
        return dir.resolve(id + "-classes");
    }

    /** A descriptor without {@code plugin.requires}. */
    TestPluginJar withoutRequires() {
        this.requires = null;
        return this;
    }

    TestPluginJar withoutDescriptor() {
        this.descriptor = false;
        return this;
    }

    /** A class of the plugin, e.g. {@code source("p.Hello", "package p; ...")}. */
    TestPluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    TestPluginJar resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** A class shipped in a library jar under {@code lib/} (zip archives only). */
    TestPluginJar libSource(String className, String source) {
        libSources.put(className, source);
        return this;
    }

    /** A {@code .jar} with everything at its root. */
    Path buildJar(Path dir) {
        Path classes = compile(classesIn(dir), sources, compiledAgainst);
        Map<String, byte[]> entries = new LinkedHashMap<>(files(classes));
        resources.forEach((path, text) -> entries.put(path, text.getBytes(StandardCharsets.UTF_8)));
        if (descriptor) {
            entries.put("plugin.properties", properties());
        }
        return jar(dir.resolve(id + ".jar"), entries);
    }

    /** A PF4J {@code .zip}: {@code plugin.properties}, {@code classes/} and {@code lib/}. */
    Path buildZip(Path dir) {
        Path libClasses = compile(dir.resolve(id + "-lib-classes"), libSources, List.of());
        // beside the classes, not in dir: a directory of built-in plugins takes every jar in it for a plugin
        Path libJar = jar(libClasses.resolveSibling(id + "-lib-classes.jar.part"), files(libClasses));
        List<Path> classPath = new ArrayList<>(compiledAgainst);
        classPath.add(libClasses);
        Path classes = compile(classesIn(dir), sources, classPath);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files(classes).forEach((path, bytes) -> entries.put("classes/" + path, bytes));
        resources.forEach((path, text) -> entries.put("classes/" + path, text.getBytes(StandardCharsets.UTF_8)));
        entries.put("lib/" + id + "-lib.jar", read(libJar));
        if (descriptor) {
            entries.put("plugin.properties", properties());
        }
        return jar(dir.resolve(id + ".zip"), entries);
    }

    private byte[] properties() {
        return ("plugin.id=" + id + "\nplugin.version=" + version
                        + (requires == null ? "" : "\nplugin.requires=" + requires)
                        + (dependencies == null ? "" : "\nplugin.dependencies=" + dependencies)
                        + "\nplugin.description=test plugin " + id + "\nplugin.provider=Porthole tests\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Path compile(Path out, Map<String, String> sources, List<Path> extraClassPath) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sources.isEmpty()) {
            return out;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(
                new SimpleJavaFileObject(
                        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return code;
                    }
                }));
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        extraClassPath.forEach(p -> classPath.append(java.io.File.pathSeparator).append(p));
        List<String> options = List.of(
                "-d",
                out.toString(),
                "-classpath",
                classPath.toString(),
                "-processor",
                "org.pf4j.processor.ExtensionAnnotationProcessor",
                "--release",
                "17");
        java.io.StringWriter diagnostics = new java.io.StringWriter();
        boolean ok =
                compiler.getTask(diagnostics, null, null, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin did not compile:\n" + diagnostics);
        }
        return out;
    }

    private static Map<String, byte[]> files(Path root) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile)
                    .sorted()
                    .forEach(f -> files.put(root.relativize(f).toString().replace('\\', '/'), read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Path jar(Path file, Map<String, byte[]> entries) {
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out)) {
            java.util.Set<String> directories = new java.util.HashSet<>();
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                // directory entries too, as jar tools write them: resource scanners (Flyway) look for them
                String name = entry.getKey();
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    String directory = name.substring(0, slash + 1);
                    if (directories.add(directory)) {
                        jar.putNextEntry(new JarEntry(directory));
                        jar.closeEntry();
                    }
                }
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
