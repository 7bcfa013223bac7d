package network.peere.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import network.peere.core.architecture.HexagonRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's layering over every module at once: only here are all of them on one classpath. */
class ArchitectureTest {
    private static final HexagonRules RULES = HexagonRules.peere();
    private static JavaClasses all;

    @BeforeAll
    static void importEverything() {
        all = RULES.importProductionClasses();
    }

    @Test
    void every_module_is_on_the_classpath() {
        org.assertj.core.api.Assertions.assertThat(all.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("network.peere.core"))
                .anyMatch(p -> p.startsWith("network.peere.persistence"))
                .anyMatch(p -> p.startsWith("network.peere.http"))
                .anyMatch(p -> p.startsWith("network.peere.webhook"))
                .anyMatch(p -> p.startsWith("network.peere.app"));
    }

    @Test
    void core_is_framework_free() {
        RULES.coreIsFrameworkFree().check(all);
    }

    @Test
    void domain_depends_on_nothing_outside_it() {
        RULES.domainDependsOnNothingOutsideIt().check(all);
    }

    @Test
    void services_use_only_domain_and_ports() {
        RULES.servicesUseOnlyDomainAndPorts().check(all);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        RULES.adaptersDoNotDependOnEachOther().check(all);
    }

    @Test
    void only_app_wires() {
        RULES.onlyAppWires().check(all);
    }

    @Test
    void core_reads_time_and_randomness_only_through_ports() {
        RULES.coreDoesNotReadTimeOrRandomnessDirectly().check(all);
    }
}
