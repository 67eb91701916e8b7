package dev.porthole.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md: plugin-api depends on pf4j, slf4j-api, reactive-streams and the JDK only. */
@AnalyzeClasses(packages = "dev.porthole.api", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginApiDependencyRulesTest {

    @ArchTest
    static final ArchRule plugin_api_uses_no_framework_type = noClasses()
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages(
                    "dev.porthole.api..",
                    "java..",
                    "javax.annotation..",
                    "javax.sql..",
                    "org.pf4j..",
                    "org.slf4j..",
                    "org.reactivestreams..")
            .because(
                    "plugin authors compile against plugin-api alone; a framework type there would tie every plugin to it");

    @ArchTest
    static final ArchRule plugin_api_does_not_reach_into_the_host = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.porthole.platform..", "dev.porthole.plugins..")
            .because("the API is what the host offers, never the host itself");

    @ArchTest
    static final ArchRule every_public_type_says_since_when_and_how_stable = classes()
            .that()
            .arePublic()
            .and()
            .doNotHaveSimpleName("package-info")
            .should()
            .beAnnotatedWith(Api.class)
            .because("plugin authors need to know since which version a type exists and whether it is stable");
}
