package dev.porthole.platform.routes;

import dev.porthole.platform.auth.RequiresScope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import java.util.List;

/** {@code GET /api/routes}: every route served now, platform and plugin, with its access rule. Admins only. */
@Controller("/api/routes")
@Secured("ADMIN")
class RoutesController {
    private final RouteCatalog catalog;

    RoutesController(RouteCatalog catalog) {
        this.catalog = catalog;
    }

    @Get
    @RequiresScope("read:routes")
    List<RouteView> routes() {
        return catalog.routes();
    }
}
