package network.peere.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DESIGN.md's hexagon as executable rules. Peere runs them on itself ({@link #peere()}); a team that embeds the core
 * runs the same rules on its own code by describing its layout ({@link #of(Layout)}) — see docs/embedding.md. Shipped
 * in peere-core's test-jar.
 *
 * <p>Each rule's name says what to do instead, so a failing build explains itself.
 */
public final class HexagonRules {
    /**
     * Where the parts of a hexagon live. Packages are ArchUnit package identifiers ({@code "com.acme.core.."}).
     *
     * @param root everything this layout covers
     * @param core the framework-free core (domain, ports, services)
     * @param domain the domain model inside the core
     * @param services the use-case implementations inside the core
     * @param adapters one package per adapter; they must not depend on each other
     * @param app the only package that may see everything (wiring, main)
     * @param coreMayAlsoUse packages besides the JDK and the core itself that the core may depend on
     */
    public record Layout(
            String root,
            String core,
            String domain,
            String services,
            List<String> adapters,
            String app,
            List<String> coreMayAlsoUse) {
        public Layout {
            Objects.requireNonNull(root, "root");
            adapters = List.copyOf(adapters);
            coreMayAlsoUse = List.copyOf(coreMayAlsoUse);
        }
    }

    private final Layout layout;

    private HexagonRules(Layout layout) {
        this.layout = layout;
    }

    public static HexagonRules of(Layout layout) {
        return new HexagonRules(layout);
    }

    /** Peere's own layout. */
    public static HexagonRules peere() {
        return of(new Layout(
                "network.peere..",
                "network.peere.core..",
                "network.peere.core.domain..",
                "network.peere.core.services..",
                List.of("network.peere.persistence..", "network.peere.http..", "network.peere.webhook.."),
                "network.peere.app..",
                List.of("org.slf4j..", "com.google.i18n.phonenumbers..")));
    }

    /** Production classes under the layout's root, as found on the classpath (test classes and test-jars left out). */
    public JavaClasses importProductionClasses() {
        String rootPackage = layout.root().replace("..", "");
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(rootPackage);
    }

    public ArchRule coreIsFrameworkFree() {
        List<String> allowed = new ArrayList<>(List.of("java..", layout.core()));
        allowed.addAll(layout.coreMayAlsoUse());
        return classes()
                .that()
                .resideInAPackage(layout.core())
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(allowed.toArray(String[]::new))
                .as("the core depends only on the JDK and small pure libraries: put framework, driver and JSON code"
                        + " in an adapter");
    }

    public ArchRule domainDependsOnNothingOutsideIt() {
        return classes()
                .that()
                .resideInAPackage(layout.domain())
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", layout.domain())
                .as("the domain depends on nothing outside the domain: pass what it needs in as values");
    }

    public ArchRule servicesUseOnlyDomainAndPorts() {
        return noClasses()
                .that()
                .resideInAPackage(layout.services())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(layout.adapters().toArray(String[]::new))
                .as("services reach the outside world only through outbound ports, never an adapter");
    }

    public ArchRule adaptersDoNotDependOnEachOther() {
        List<ArchRule> rules = new ArrayList<>();
        for (String adapter : layout.adapters()) {
            String[] others =
                    layout.adapters().stream().filter(o -> !o.equals(adapter)).toArray(String[]::new);
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others));
        }
        return CompositeArchRule.of(rules)
                .as("adapters never depend on each other: if two need the same thing, it belongs in a core port");
    }

    public ArchRule onlyAppWires() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(layout.app())
                .should()
                .dependOnClassesThat()
                .resideInAPackage(layout.app())
                .as("only the app module wires modules together: nothing depends on it");
    }

    public ArchRule coreDoesNotReadTimeOrRandomnessDirectly() {
        return noClasses()
                .that()
                .resideInAPackage(layout.core())
                .should(ArchConditions.callMethodWhere(HexagonRules.forbiddenCall()))
                .orShould()
                .callConstructor(java.util.Random.class)
                .orShould()
                .callConstructor(java.security.SecureRandom.class)
                .orShould()
                .callConstructor(java.math.BigDecimal.class, double.class)
                .as("the core reads time only through the Clock port and randomness only through RandomSource and"
                        + " IdGenerator; use BigDecimal.valueOf or a String, never new BigDecimal(double); never"
                        + " Thread.sleep");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaMethodCall> forbiddenCall() {
        return new com.tngtech.archunit.base.DescribedPredicate<>("a direct clock, randomness or sleep call") {
            @Override
            public boolean test(JavaMethodCall call) {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                return (name.equals("now") && (owner.startsWith("java.time.") && !owner.equals("java.time.Clock")))
                        || (owner.equals("java.lang.System")
                                && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
                        || (owner.equals("java.util.UUID") && name.equals("randomUUID"))
                        || (owner.equals("java.lang.Math") && name.equals("random"))
                        || (owner.equals("java.time.Clock") && name.startsWith("system"))
                        || (owner.equals("java.lang.Thread") && name.equals("sleep"));
            }
        };
    }

    /** Every rule, for a test that wants them all. */
    public List<ArchRule> all() {
        return List.of(
                coreIsFrameworkFree(),
                domainDependsOnNothingOutsideIt(),
                servicesUseOnlyDomainAndPorts(),
                adaptersDoNotDependOnEachOther(),
                onlyAppWires(),
                coreDoesNotReadTimeOrRandomnessDirectly());
    }
}
