package network.peere.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core's share of the rules, checked where the core is built; the app module checks all modules together. */
class CoreArchitectureTest {
    private static final HexagonRules RULES = HexagonRules.peere();
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("network.peere.core");
    }

    @Test
    void core_is_framework_free() {
        RULES.coreIsFrameworkFree().check(core);
    }

    @Test
    void domain_depends_on_nothing_outside_it() {
        RULES.domainDependsOnNothingOutsideIt().check(core);
    }

    @Test
    void core_reads_time_and_randomness_only_through_ports() {
        RULES.coreDoesNotReadTimeOrRandomnessDirectly().check(core);
    }
}
