package dev.porthole.platform.hosts;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.RequiresScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.List;

/** The host inventory, {@code /api/hosts}, and its sharing, {@code /api/hosts/{id}/shares}. */
@Controller("/api/hosts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class HostsController {
    private final HostService hosts;

    HostsController(HostService hosts) {
        this.hosts = hosts;
    }

    @Serdeable
    record ShareRequest(
            @Nullable @Positive Long userId,
            @Nullable String username,
            @Nullable String level) {}

    @Get
    @RequiresScope("read:hosts")
    List<HostView> list(@Nullable @QueryValue String tag, Authentication authentication) {
        return hosts.list(Caller.of(authentication), tag);
    }

    @Post
    @RequiresScope("write:hosts")
    HttpResponse<HostView> create(@Valid @NotNull @Body HostInput body, Authentication authentication) {
        HostView host = hosts.create(Caller.of(authentication), body);
        return HttpResponse.created(host, URI.create("/api/hosts/" + host.id()));
    }

    @Get("/{id}")
    @RequiresScope("read:hosts")
    HostView get(@PathVariable @Positive long id, Authentication authentication) {
        return hosts.get(Caller.of(authentication), id);
    }

    @Put("/{id}")
    @RequiresScope("write:hosts")
    HostView update(
            @PathVariable @Positive long id, @Valid @NotNull @Body HostInput body, Authentication authentication) {
        return hosts.update(Caller.of(authentication), id, body);
    }

    @Delete("/{id}")
    @RequiresScope("write:hosts")
    HttpResponse<Void> delete(@PathVariable @Positive long id, Authentication authentication) {
        hosts.delete(Caller.of(authentication), id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/shares")
    @RequiresScope("read:hosts")
    List<ShareView> shares(@PathVariable @Positive long id, Authentication authentication) {
        return hosts.shares(Caller.of(authentication), id);
    }

    /** Shares the host with a user (by {@code username} or {@code userId}) at a level, or changes the level. */
    @Post("/{id}/shares")
    @RequiresScope("write:hosts")
    HttpResponse<ShareView> share(
            @PathVariable @Positive long id, @Valid @NotNull @Body ShareRequest body, Authentication authentication) {
        HostService.SharedResult result =
                hosts.share(Caller.of(authentication), id, body.userId(), body.username(), body.level());
        return result.created()
                ? HttpResponse.created(
                        result.share(),
                        URI.create(
                                "/api/hosts/" + id + "/shares/" + result.share().userId()))
                : HttpResponse.ok(result.share());
    }

    @Delete("/{id}/shares/{userId}")
    @RequiresScope("write:hosts")
    HttpResponse<Void> unshare(
            @PathVariable @Positive long id, @PathVariable @Positive long userId, Authentication authentication) {
        hosts.unshare(Caller.of(authentication), id, userId);
        return HttpResponse.noContent();
    }
}
