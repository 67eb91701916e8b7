package dev.porthole.docker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Plugins bundle this library, so it may know plugin-api and its own libraries, never a plugin or the platform. */
@AnalyzeClasses(packages = "dev.porthole.docker", importOptions = ImportOption.DoNotIncludeTests.class)
class LibraryRulesTest {
    @ArchTest
    static final ArchRule knows_no_plugin_and_no_platform = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.porthole.plugins..", "dev.porthole.platform..")
            .because("a plugin depends on the library, not the other way round, and the platform is reached only"
                    + " through plugin-api");

    @ArchTest
    static final ArchRule answers_no_http_request = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.porthole.api.http..")
            .because("what a plugin answers is the plugin's: docker-ssh makes every error in spec 000's shape in one"
                    + " place (its ErrorShapeTest), and the library's failures reach it as exceptions");

    @ArchTest
    static final ArchRule the_transport_knows_no_engine = noClasses()
            .that()
            .resideInAPackage("dev.porthole.docker.transport..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.porthole.docker.engine..")
            .because("the transport is docker-java's seam; the engine is built on it");
}
