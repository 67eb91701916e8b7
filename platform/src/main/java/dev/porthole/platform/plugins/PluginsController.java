package dev.porthole.platform.plugins;

import dev.porthole.platform.auth.RequiresScope;
import dev.porthole.platform.errors.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The plugin manager's admin API, {@code /api/plugins}: list, install (upload), enable, disable, remove. */
@Controller("/api/plugins")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class PluginsController {
    static final String JAVA_ARCHIVE = "application/java-archive";
    static final String ZIP = "application/zip";

    private final PluginService plugins;

    PluginsController(PluginService plugins) {
        this.plugins = plugins;
    }

    @Get
    @RequiresScope("read:plugins")
    List<PluginView> list() {
        return plugins.list();
    }

    @Get("/{id}")
    @RequiresScope("read:plugins")
    PluginView get(@PathVariable @Pattern(regexp = PluginIds.PATTERN) String id) {
        return plugins.get(id);
    }

    /**
     * Multipart upload, field {@code file}: a plugin jar, or a zip with {@code classes/} and {@code lib/}. Installs a
     * new plugin (201) or upgrades an installed one to a higher version (200).
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("write:plugins")
    HttpResponse<PluginView> install(@Nullable @Part("file") CompletedFileUpload file) throws IOException {
        if (file == null) {
            throw ApiException.invalidField(
                    PluginArchive.FIELD, "upload the plugin archive as the multipart field 'file'");
        }
        try (InputStream in = file.getInputStream()) {
            return install(in);
        }
    }

    /** The archive as the whole request body, as {@code curl --data-binary @plugin.jar} sends it. */
    @Post(consumes = {JAVA_ARCHIVE, ZIP, MediaType.APPLICATION_OCTET_STREAM})
    @RequiresScope("write:plugins")
    HttpResponse<PluginView> installRaw(@Body InputStream body) throws IOException {
        return install(body);
    }

    private HttpResponse<PluginView> install(InputStream archive) throws IOException {
        Path upload = Files.createTempFile("porthole-plugin-", ".upload");
        try {
            Files.copy(archive, upload, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
        PluginService.Installation done = plugins.install(upload);
        return done.upgraded()
                ? HttpResponse.ok(done.plugin())
                : HttpResponse.created(
                        done.plugin(),
                        URI.create("/api/plugins/" + done.plugin().id()));
    }

    @Post("/{id}/enable")
    @RequiresScope("write:plugins")
    PluginView enable(@PathVariable @Pattern(regexp = PluginIds.PATTERN) String id) {
        return plugins.enable(id);
    }

    @Post("/{id}/disable")
    @RequiresScope("write:plugins")
    PluginView disable(@PathVariable @Pattern(regexp = PluginIds.PATTERN) String id) {
        return plugins.disable(id);
    }

    @Delete("/{id}")
    @RequiresScope("write:plugins")
    HttpResponse<Void> uninstall(@PathVariable @Pattern(regexp = PluginIds.PATTERN) String id) {
        plugins.uninstall(id);
        return HttpResponse.noContent();
    }
}
