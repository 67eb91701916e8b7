package dev.porthole.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.porthole.api.Api;

/** The harness is SDK: plugin tests compile against it, so it carries no host or framework type. */
@AnalyzeClasses(packages = "dev.porthole.test", importOptions = ImportOption.DoNotIncludeTests.class)
class HarnessApiRulesTest {

    @ArchTest
    static final ArchRule the_harness_uses_no_framework_type = noClasses()
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages(
                    "dev.porthole.test..",
                    "dev.porthole.api..",
                    "java..",
                    // Assumptions and Assertions: SshTestenv skips or fails a test as JUnit does
                    "org.junit.jupiter.api",
                    "org.junit.jupiter.api.extension..",
                    "org.junit.platform.commons.support..",
                    "com.fasterxml.jackson.core..",
                    // SshTestenv.totpCode: RFC 6238 codes, a small library of no framework
                    "dev.samstevens.totp..")
            .because("a plugin's tests must not be tied to the host's frameworks; the platform is reached by"
                    + " reflection, in its own class loader");

    @ArchTest
    static final ArchRule jackson_stays_internal = noClasses()
            .that()
            .resideInAPackage("dev.porthole.test")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.fasterxml..")
            .because("JSON replies are JDK maps and lists");

    @ArchTest
    static final ArchRule every_public_type_says_since_when_and_how_stable = classes()
            .that()
            .resideInAPackage("dev.porthole.test")
            .and()
            .arePublic()
            .and()
            .doNotHaveSimpleName("package-info")
            .should()
            .beAnnotatedWith(Api.class)
            .because("like plugin-api, the harness says since which version a type exists and whether it is stable");
}
