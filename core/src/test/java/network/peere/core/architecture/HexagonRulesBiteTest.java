package network.peere.core.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import network.peere.core.architecture.fixtures.ReadsTheSystemClock;
import network.peere.core.architecture.fixtures.UsesAFramework;
import org.junit.jupiter.api.Test;

/** A rule that cannot fail proves nothing: each rule is shown a class that breaks it. */
class HexagonRulesBiteTest {
    private final HexagonRules rules = HexagonRules.peere();

    @Test
    void time_rule_rejects_instant_now_in_core() {
        var classes = new ClassFileImporter().importClasses(ReadsTheSystemClock.class);
        assertThatThrownBy(() -> rules.coreDoesNotReadTimeOrRandomnessDirectly().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Clock port");
    }

    @Test
    void framework_rule_rejects_a_library_in_core() {
        var classes = new ClassFileImporter().importClasses(UsesAFramework.class);
        assertThatThrownBy(() -> rules.coreIsFrameworkFree().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("framework");
    }
}
