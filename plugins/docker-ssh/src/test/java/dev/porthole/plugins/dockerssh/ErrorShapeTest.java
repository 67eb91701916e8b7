package dev.porthole.plugins.dockerssh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.porthole.api.PluginContext;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.Method;
import dev.porthole.api.http.Response;
import dev.porthole.api.http.RouteHandler;
import dev.porthole.plugins.dockerssh.docker.DockerErrors;
import dev.porthole.plugins.dockerssh.routes.ContainerRoutes;

/**
 * Spec 000 fixes one error body, {@code {"success": false, "error", "code"}}. It is made in one place, and every route
 * is registered through the guard that turns whatever else a handler throws into it.
 */
@AnalyzeClasses(packages = "dev.porthole.plugins.dockerssh", importOptions = ImportOption.DoNotIncludeTests.class)
class ErrorShapeTest {
    @ArchTest
    static final ArchRule only_DockerErrors_makes_an_error = noClasses()
            .that()
            .doNotBelongToAnyOf(DockerErrors.class)
            .should()
            .callMethod(HttpError.class, "withResponse", Response.class)
            .orShould()
            .callConstructor(HttpError.class, int.class, String.class)
            .orShould()
            .callMethod(HttpError.class, "badField", String.class, String.class)
            .orShould()
            .callMethod(HttpError.class, "notFound", String.class)
            .orShould()
            .callMethod(HttpError.class, "forbidden", String.class)
            .orShould()
            .callMethod(HttpError.class, "conflict", String.class)
            .orShould()
            .callMethod(Response.class, "json", int.class, Object.class)
            .orShould()
            .callMethod(Response.class, "text", int.class, String.class)
            .orShould()
            .callMethod(Response.class, "bytes", int.class, String.class, byte[].class)
            .orShould()
            .callMethod(Response.class, "status", int.class)
            .because("a status other than 200 is an error, and spec 000's errors have one shape");

    @ArchTest
    static final ArchRule every_route_is_registered_through_the_guard = noClasses()
            .that()
            .doNotBelongToAnyOf(ContainerRoutes.class)
            .should()
            .callMethod(PluginContext.class, "route", Method.class, String.class, Access.class, RouteHandler.class)
            .because("ContainerRoutes.route wraps each handler in DockerErrors.inSpecShape");
}
