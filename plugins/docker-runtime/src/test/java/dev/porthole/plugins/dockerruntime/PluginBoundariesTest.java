package dev.porthole.plugins.dockerruntime;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.Executors;

/** What the plugin may use of the world around it. */
@AnalyzeClasses(packages = "dev.porthole.plugins.dockerruntime", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginBoundariesTest {
    @ArchTest
    static final ArchRule of_other_plugins_only_the_containers_spi = noClasses()
            .should()
            .dependOnClassesThat(resideInAPackage("dev.porthole.plugins..")
                    .and(not(resideInAnyPackage(
                            "dev.porthole.plugins.dockerruntime..", "dev.porthole.plugins.containers.spi.."))))
            .because("the SPI is what the containers plugin publishes; the rest of it may change or be absent");

    @ArchTest
    static final ArchRule never_the_platform = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.porthole.platform..")
            .because("a plugin sees the host only through plugin-api");

    @ArchTest
    static final ArchRule no_threads_of_its_own = noClasses()
            .should()
            .callConstructorWhere(target(owner(assignableTo(Thread.class))))
            .orShould()
            .callMethodWhere(target(owner(type(Executors.class))))
            .because("work runs on the plugin's executor, whose threads end with the plugin");

    @ArchTest
    static final ArchRule no_docker_java_callbacks = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.github.dockerjava.api.async..")
            .because("docker-java runs its async callbacks on threads it makes; logs and events are read raw on the"
                    + " plugin's executor");
}
