package dev.porthole.platform.ssh;

import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.auth.RequiresScope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Positive;

/**
 * SSH diagnostics and host keys of one host: {@code POST /api/hosts/{id}/test} (users of the host) and
 * {@code /api/hosts/{id}/host-key} (its owner or an admin).
 */
@Controller("/api/hosts/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class SshHostsController {
    private final HostKeyService service;

    SshHostsController(HostKeyService service) {
        this.service = service;
    }

    /** Connects and logs in, then disconnects; always 200, {@code success} tells how it went. */
    @Post("/test")
    @RequiresScope("write:hosts")
    ConnectionTestResult test(@PathVariable @Positive long id, Authentication authentication) {
        return service.test(Caller.of(authentication), id);
    }

    @Get("/host-key")
    @RequiresScope("read:hosts")
    HostKeyView hostKey(@PathVariable @Positive long id, Authentication authentication) {
        return service.view(Caller.of(authentication), id);
    }

    /** Takes the key the host offers now as its key. */
    @Post("/host-key/accept")
    @RequiresScope("write:hosts")
    HostKeyView accept(@PathVariable @Positive long id, Authentication authentication) {
        return service.accept(Caller.of(authentication), id);
    }

    /** Forgets the stored key: the next connection trusts on first use, or is refused under a strict policy. */
    @Delete("/host-key")
    @RequiresScope("write:hosts")
    HttpResponse<Void> forget(@PathVariable @Positive long id, Authentication authentication) {
        service.forget(Caller.of(authentication), id);
        return HttpResponse.noContent();
    }
}
