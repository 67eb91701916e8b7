package dev.porthole.plugins.stats.routes;

import dev.porthole.api.http.Access;

/** Who may call the routes: any signed-in user; an API token needs {@code read:stats}, or {@code write:stats} to act. */
final class StatsAccess {
    static final Access READ = Access.authenticated().withScope("read:stats");
    static final Access WRITE = Access.authenticated().withScope("write:stats");
    static final Access ADMIN_READ = Access.roles(Access.ROLE_ADMIN).withScope("read:stats");
    static final Access ADMIN_WRITE = Access.roles(Access.ROLE_ADMIN).withScope("write:stats");

    private StatsAccess() {}
}
