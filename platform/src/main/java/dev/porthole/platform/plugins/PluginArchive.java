package dev.porthole.platform.plugins;

import dev.porthole.platform.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;

/**
 * An uploaded plugin archive in the staging area, checked before anything reaches the plugins directory: that it is a
 * zip at all, that a {@code .zip} unpacks safely, and what its descriptor says. Every complaint names the upload field.
 */
final class PluginArchive {
    static final String FIELD = "file";
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

    /** Reads an archive staged at {@code file} (named as the client named it); unpacks a zip beside it. */
    static PluginArchive read(Path file, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        boolean jar = name.endsWith(".jar");
        if (!jar && !name.endsWith(".zip")) {
            throw ApiException.invalidField(FIELD, "must be a .jar or a .zip plugin archive, not '" + fileName + "'");
        }
        Path pluginPath = jar ? file : unzip(file, file.resolveSibling("unpacked"));
        PluginDescriptor descriptor;
        try {
            descriptor = PluginFactory.descriptorFinder().find(pluginPath);
        } catch (PluginRuntimeException e) {
            throw ApiException.invalidField(
                    FIELD,
                    "has no plugin descriptor: put plugin.properties (plugin.id, plugin.version) at its root"
                            + (jar ? " or Plugin-Id and Plugin-Version in its manifest" : ""));
        }
        if (descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()) {
            throw ApiException.invalidField(FIELD, "its descriptor has no plugin id");
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            throw ApiException.invalidField(FIELD, "its descriptor has no plugin version");
        }
        return new PluginArchive(pluginPath, jar, descriptor);
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

    private static Path unzip(Path zip, Path into) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Whether the file is a readable zip (a jar is one). */
    static void requireZip(Path file) {
        try (ZipFile ignored = new ZipFile(file.toFile())) {
            // readable
        } catch (IOException e) {
            throw ApiException.invalidField(FIELD, "is not a jar or zip archive");
        }
    }
}
