package network.peere.core.services.billing;

import static org.assertj.core.api.Assertions.assertThat;

import network.peere.core.domain.agreement.CustomerDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BankSimulatorRuleTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "ada@example.com, APPROVE",
        "ada+deny@example.com, DENY",
        "ada+suspend@example.com, SUSPEND",
        "ada+block@example.com, BLOCK",
        "ada+expire@example.com, EXPIRE",
        "ada+news@example.com, APPROVE",
        // Only the local part counts: a domain that happens to contain a mark does not.
        "ada@x+deny.example.com, APPROVE",
    })
    void the_email_s_local_part_decides(String email, BankSimulator.Rule expected) {
        assertThat(BankSimulator.Rule.forEmail(email)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"DENY, DENY", "SUSPEND, SUSPENDED", "BLOCK, DENY"})
    void marked_rules_carry_their_decision(BankSimulator.Rule rule, CustomerDecision decision) {
        assertThat(rule.decision()).contains(decision);
        assertThat(BankSimulator.Rule.APPROVE.decision()).isEmpty();
        // +expire approves as usual (the default decision), with an expiry.
        assertThat(BankSimulator.Rule.EXPIRE.decision()).isEmpty();
    }
}
