package dev.porthole.platform.plugins;

import dev.porthole.platform.auth.RequiresScope;
import dev.porthole.platform.errors.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import java.io.UncheckedIOException;
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
    private static final String ID = "[a-z0-9][a-z0-9-]{0,62}";

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
    PluginView get(@PathVariable @Pattern(regexp = ID) String id) {
        return plugins.get(id);
    }

    /** Multipart upload, field {@code file}: a plugin {@code .jar}, or a {@code .zip} with {@code lib/}. */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("write:plugins")
    HttpResponse<PluginView> install(@Nullable @Part("file") CompletedFileUpload file) {
        if (file == null) {
            throw ApiException.invalidField(
                    PluginArchive.FIELD, "upload the plugin archive as the multipart field 'file'");
        }
        Path upload;
        try (InputStream in = file.getInputStream()) {
            upload = Files.createTempFile("porthole-plugin-", ".upload");
            Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginView installed = plugins.install(upload, file.getFilename());
        return HttpResponse.created(installed, URI.create("/api/plugins/" + installed.id()));
    }

    @Post("/{id}/enable")
    @RequiresScope("write:plugins")
    PluginView enable(@PathVariable @Pattern(regexp = ID) String id) {
        return plugins.enable(id);
    }

    @Post("/{id}/disable")
    @RequiresScope("write:plugins")
    PluginView disable(@PathVariable @Pattern(regexp = ID) String id) {
        return plugins.disable(id);
    }

    @Delete("/{id}")
    @RequiresScope("write:plugins")
    HttpResponse<Void> uninstall(@PathVariable @Pattern(regexp = ID) String id) {
        plugins.uninstall(id);
        return HttpResponse.noContent();
    }
}
