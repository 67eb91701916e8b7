package dev.porthole.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.porthole.platform.auth.RequiresScope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.HttpMethodMapping;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Arrays;
import java.util.concurrent.Executors;

@AnalyzeClasses(packages = "dev.porthole.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformArchitectureTest {

    @ArchTest
    static final ArchRule the_platform_never_imports_a_plugin = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.porthole.plugins..", "dev.porthole.examples..")
            .because("plugins are loaded at run time through plugin-api; the host must not know them");

    /**
     * A thread inherits its creator's context class loader and access-control context, so a host thread started
     * while a plugin's code is on the stack would hold that plugin's class loader; {@code HostThreads} makes them
     * without either. A plugin's own executor is the one place that gives its threads the plugin's loader.
     */
    @ArchTest
    static final ArchRule host_threads_are_made_by_host_threads = noClasses()
            .that()
            .resideOutsideOfPackage("dev.porthole.platform.threads")
            .and()
            .doNotHaveFullyQualifiedName("dev.porthole.platform.plugins.PluginExecutor")
            .should()
            .callConstructorWhere(JavaCall.Predicates.target(
                    HasOwner.Predicates.With.owner(JavaClass.Predicates.assignableTo(Thread.class))))
            .orShould()
            .callMethod(Executors.class, "defaultThreadFactory")
            .because("dev.porthole.platform.threads.HostThreads gives host threads the host's loader and nothing of"
                    + " the plugin whose code created them");

    /** Every route says who may call it, and every authenticated route names the token scope it needs. */
    @ArchTest
    static final ArchRule every_route_declares_its_access = methods()
            .that()
            .areDeclaredInClassesThat()
            .areAnnotatedWith(Controller.class)
            .and()
            .areMetaAnnotatedWith(HttpMethodMapping.class)
            .should(new ArchCondition<>("declare @Secured and, unless anonymous, @RequiresScope or an admin role") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    Secured secured = method.tryGetAnnotationOfType(Secured.class)
                            .orElseGet(() -> method.getOwner()
                                    .tryGetAnnotationOfType(Secured.class)
                                    .orElse(null));
                    if (secured == null) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has no @Secured"));
                        return;
                    }
                    boolean anonymous = Arrays.asList(secured.value()).contains(SecurityRule.IS_ANONYMOUS);
                    boolean scoped = method.isAnnotatedWith(RequiresScope.class);
                    boolean sessionOnly = method.getOwner().getPackageName().endsWith(".auth");
                    if (!anonymous && !scoped && !sessionOnly) {
                        events.add(
                                SimpleConditionEvent.violated(method, method.getFullName() + " has no @RequiresScope"));
                    }
                }
            });
}
