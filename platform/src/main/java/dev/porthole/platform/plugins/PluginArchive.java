package dev.porthole.platform.plugins;

import dev.porthole.platform.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * An uploaded plugin archive in the staging area, checked before anything reaches the plugins directory: that it is a
 * zip at all, which of PF4J's two layouts it has (a plugin jar, or a zip with {@code classes/} and {@code lib/}, which
 * is unpacked safely beside it), and that its descriptor names an id, a version and the plugin-api versions it
 * requires. The layout is read from the content, not from a file name, so a raw upload needs none. Every complaint
 * names the upload field.
 */
final class PluginArchive {
    static final String FIELD = "file";
    private static final String PROPERTIES = "plugin.properties";
    private static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;
    private static final int MAX_ENTRIES = 20_000;

    private final Path pluginPath;
    private final boolean jar;
    private final PluginDescriptor descriptor;

    private PluginArchive(Path pluginPath, boolean jar, PluginDescriptor descriptor) {
        this.pluginPath = pluginPath;
        this.jar = jar;
        this.descriptor = descriptor;
    }

    /** Reads the archive staged at {@code file}, alone in its staging directory; a jar is renamed, a zip unpacked. */
    static PluginArchive read(Path file) {
        boolean jar = !hasZipLayout(file);
        Path pluginPath;
        try {
            // PF4J recognises a jar plugin by its file name
            pluginPath = jar
                    ? Files.move(file, file.resolveSibling("plugin.jar"))
                    : unzip(file, file.resolveSibling("unpacked"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PluginArchive(pluginPath, jar, descriptorOf(pluginPath, jar));
    }

    Path pluginPath() {
        return pluginPath;
    }

    boolean isJar() {
        return jar;
    }

    PluginDescriptor descriptor() {
        return descriptor;
    }

    /** A zip plugin keeps its classes under {@code classes/} and its libraries under {@code lib/}; a jar at its root. */
    private static boolean hasZipLayout(Path file) {
        try (ZipFile archive = new ZipFile(file.toFile())) {
            return archive.stream()
                    .map(ZipEntry::getName)
                    .anyMatch(n -> n.startsWith("classes/") || n.startsWith("lib/"));
        } catch (IOException e) {
            throw ApiException.invalidField(FIELD, "is not a plugin archive: neither a jar nor a zip");
        }
    }

    /**
     * The descriptor, from {@code plugin.properties} at the root or else from a jar's manifest, with what is missing
     * named in the words of the place it came from. PF4J reads it, but it takes a missing range for "any version";
     * here the raw entries are checked first.
     */
    private static PluginDescriptor descriptorOf(Path pluginPath, boolean jar) {
        Properties properties = readProperties(pluginPath, jar);
        Attributes manifest = properties == null && jar ? pluginManifest(pluginPath) : null;
        if (properties == null && manifest == null) {
            throw ApiException.invalidField(
                    FIELD,
                    "has no plugin descriptor: put " + PROPERTIES + " (plugin.id, plugin.version, plugin.requires) at"
                            + " its root"
                            + (jar ? ", or Plugin-Id, Plugin-Version and Plugin-Requires in its manifest" : ""));
        }
        String source = properties != null ? "its " + PROPERTIES : "its manifest";
        java.util.function.UnaryOperator<String> raw =
                properties != null ? properties::getProperty : key -> manifest.getValue(key);
        List<String[]> required = properties != null
                ? List.of(
                        new String[] {"plugin.id", "the plugin's id"},
                        new String[] {"plugin.version", "its version, such as 1.0.0"},
                        new String[] {"plugin.requires", RANGE})
                : List.of(
                        new String[] {"Plugin-Id", "the plugin's id"},
                        new String[] {"Plugin-Version", "its version, such as 1.0.0"},
                        new String[] {"Plugin-Requires", RANGE});
        for (String[] key : required) {
            String value = raw.apply(key[0]);
            if (value == null || value.isBlank()) {
                throw ApiException.invalidField(FIELD, source + " has no " + key[0] + " (" + key[1] + ")");
            }
        }
        PluginDescriptorFinder finder =
                properties != null ? new PropertiesPluginDescriptorFinder() : new ManifestPluginDescriptorFinder();
        try {
            return finder.find(pluginPath);
        } catch (PluginRuntimeException e) {
            throw ApiException.invalidField(FIELD, source + " cannot be read: " + e.getMessage());
        }
    }

    private static final String RANGE =
            "the plugin-api versions it runs on, such as >=" + PluginFactory.apiVersion() + " & <1.0.0";

    /** {@code plugin.properties} at the root, or null when there is none. */
    private static Properties readProperties(Path pluginPath, boolean jar) {
        try {
            if (!jar) {
                Path file = pluginPath.resolve(PROPERTIES);
                return Files.isRegularFile(file) ? load(Files.newInputStream(file)) : null;
            }
            try (ZipFile archive = new ZipFile(pluginPath.toFile())) {
                ZipEntry entry = archive.getEntry(PROPERTIES);
                return entry == null ? null : load(archive.getInputStream(entry));
            }
        } catch (IOException e) {
            throw ApiException.invalidField(FIELD, "its " + PROPERTIES + " cannot be read: " + e.getMessage());
        }
    }

    private static Properties load(InputStream in) throws IOException {
        try (in) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        }
    }

    /** The main attributes of a jar's manifest when they name a plugin, or null. */
    private static Attributes pluginManifest(Path jar) {
        try (JarFile archive = new JarFile(jar.toFile())) {
            Manifest manifest = archive.getManifest();
            Attributes main = manifest == null ? null : manifest.getMainAttributes();
            return main != null && main.getValue("Plugin-Id") != null ? main : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        // compared entry by entry with normalized entry paths, so normalized itself ("./data" would never match)
        Path target = into.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Files.createDirectories(target);
            Enumeration<? extends ZipEntry> all = archive.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw ApiException.invalidField(FIELD, "holds more than " + MAX_ENTRIES + " entries");
                }
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw ApiException.invalidField(FIELD, "has an entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    total += Files.copy(in, out);
                }
                if (total > MAX_UNPACKED_BYTES) {
                    throw ApiException.invalidField(
                            FIELD, "unpacks to more than " + MAX_UNPACKED_BYTES / 1024 / 1024 + " MiB");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw ApiException.invalidField(FIELD, "is not a zip archive");
        }
        return target;
    }
}
