package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import network.peere.app.testing.TestNetwork;
import network.peere.core.Peere;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.ports.in.billing.AnswerBillingRequests;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.persistence.jdbi.JdbiStores;
import network.peere.persistence.testing.StatementRecorder;
import org.junit.jupiter.api.Test;

/**
 * What one bill sends to MariaDB, statement by statement: every round trip of the accept path is a cost on both
 * sides of the connection (docs/benchmarks.md), so a new one should be a choice, not an accident.
 */
class BillRoundTripsTest {
    /** A bank, a BASIC merchant and one approved agreement on MariaDB, every statement recorded. */
    private record Network(RecordedPeere recorded, Participant bank, Participant merchant, String phrase)
            implements AutoCloseable {
        static Network open() {
            RecordedPeere recorded = RecordedPeere.open();
            Participant bank = TestNetwork.bank(recorded.peere());
            Participant merchant = TestNetwork.merchant(recorded.peere(), TrustLevel.BASIC);
            String phrase = TestNetwork.approvedAgreements(recorded.peere(), bank, merchant, List.of("ada@example.com"))
                    .getFirst();
            return new Network(recorded, bank, merchant, phrase);
        }

        StatementRecorder recorder() {
            return recorded.recorder();
        }

        JdbiStores stores() {
            return recorded.stores();
        }

        Peere peere() {
            return recorded.peere();
        }

        @Override
        public void close() {
            recorded.close();
        }
    }

    @Test
    void a_bill_from_an_authenticated_merchant_is_two_round_trips() {
        try (Network network = Network.open()) {
            Participant bank = network.bank();
            Participant merchant = network.merchant();
            String phrase = network.phrase();
            Caller caller = Caller.of(TestNetwork.principal(merchant))
                    .authenticatedAs(network.stores()
                            .participants()
                            .find(merchant.mode(), merchant.id())
                            .orElseThrow());
            // What the bill publishes to the bank goes by the bank's endpoints, kept for a second by each process:
            // warm, as under load, they cost no round trip.
            network.stores().webhookEndpoints().listFor(bank.mode(), bank.id());
            network.recorder().clear();

            var billed = network.peere()
                    .billCustomers()
                    .bill(new BillCustomers.Command(
                            caller,
                            List.of(phrase),
                            new BigDecimal("10"),
                            Currency.getInstance("NGN"),
                            "Monthly plan",
                            Optional.empty(),
                            false));

            assertThat(((Result.Ok<List<BillCustomers.Item>>) billed).value().getFirst())
                    .isInstanceOf(BillCustomers.Item.Accepted.class);
            List<String> sent = network.recorder().statements();
            var charge = ((BillCustomers.Item.Accepted) ((Result.Ok<List<BillCustomers.Item>>) billed)
                            .value()
                            .getFirst())
                    .charge();
            assertThat(network.stores().charges().find(charge.mode(), charge.id()))
                    .isPresent();
            assertThat(network.stores()
                            .transactor()
                            .inTransaction(
                                    () -> network.stores().eventOutbox().nextSequence(charge.mode(), charge.id())))
                    .as("the charge's count was started at 1 with its billing.request")
                    .isEqualTo(2L);
            // Only on a machine so slow that the second has passed are the endpoints read again, between the two.
            List<String> own = sent.stream()
                    .filter(sql -> !sql.contains("FROM webhook_endpoints"))
                    .toList();
            assertThat(sent).as(String.join("\n---\n", sent)).hasSizeBetween(2, 3);
            assertThat(own).as(String.join("\n---\n", sent)).hasSize(2);
            // The transaction's start with its first statement: the agreement, locked, with the customer's block, the
            // bank's zone and the merchant's version.
            assertThat(own.get(0))
                    .startsWith("START TRANSACTION;")
                    .contains("FROM agreements a")
                    .contains("FOR UPDATE");
            // The charge's event count (a new object's, started at 1 without a read), the event, the charge and the
            // agreement's lastUsed, the update's row count checked on the server, and the commit: one block, one
            // statement for the server.
            assertThat(own.get(1))
                    .startsWith("BEGIN NOT ATOMIC")
                    .contains("INSERT INTO webhook_sequences")
                    .contains("INSERT INTO webhook_events")
                    .contains("INSERT INTO charges")
                    .contains("UPDATE agreements")
                    .contains("IF ROW_COUNT() != 1 THEN SIGNAL")
                    .endsWith("COMMIT AND NO CHAIN NO RELEASE;\nEND");
        }
    }

    @Test
    void a_bank_answer_confirming_a_recurring_charge_writes_everything_with_its_commit() {
        try (Network network = Network.open()) {
            Participant bank = network.bank();
            Participant merchant = network.merchant();
            String phrase = network.phrase();
            var billed = (Result.Ok<List<BillCustomers.Item>>) network.peere()
                    .billCustomers()
                    .bill(new BillCustomers.Command(
                            Caller.of(TestNetwork.principal(merchant)),
                            List.of(phrase),
                            new BigDecimal("10"),
                            Currency.getInstance("NGN"),
                            "Monthly plan",
                            Optional.empty(),
                            false));
            var charge = ((BillCustomers.Item.Accepted) billed.value().getFirst()).charge();
            network.stores().webhookEndpoints().listFor(merchant.mode(), merchant.id());
            network.recorder().clear();

            var answered = network.peere()
                    .answerBillingRequests()
                    .answer(new AnswerBillingRequests.Answer(
                            TestNetwork.principal(bank),
                            charge.id(),
                            CustomerDecision.APPROVE_RECURRING,
                            Optional.empty(),
                            Optional.of("bank-txn-1"),
                            Optional.empty()));

            List<String> sent = network.recorder().statements().stream()
                    .filter(sql -> !sql.contains("FROM webhook_endpoints"))
                    .toList();
            assertThat(((Result.Ok<Charge>) answered).value().status()).isEqualTo(ChargeStatus.CONFIRMED);
            assertThat(network.stores()
                            .charges()
                            .find(charge.mode(), charge.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ChargeStatus.CONFIRMED);
            var journal = network.stores().ledger().forReference(charge.mode(), charge.id());
            assertThat(journal).hasSize(1);
            assertThat(journal.getFirst().postings())
                    .as("the bank's settlement, the merchant's payable and Peere's fee, balanced")
                    .hasSize(3)
                    .extracting(posting -> posting.amount().minor())
                    .containsExactly(1_000L, -985L, -15L);
            // The charge locked with the transaction's start; the merchant, its fees, the agreement's type and the
            // renewal run read; the charge's event count; then the event, the journal and the charge's update, the
            // update's row count checked on the server, with the commit.
            assertThat(sent).as(String.join("\n---\n", sent)).hasSize(7);
            assertThat(sent.getFirst()).startsWith("START TRANSACTION;").contains("FOR UPDATE");
            assertThat(sent.getLast())
                    .startsWith("BEGIN NOT ATOMIC")
                    .contains("INSERT INTO webhook_events")
                    .contains("INSERT INTO ledger_transactions")
                    .contains("INSERT INTO ledger_postings")
                    .contains("UPDATE charges")
                    .contains("IF ROW_COUNT() != 1 THEN SIGNAL")
                    .endsWith("COMMIT AND NO CHAIN NO RELEASE;\nEND");
        }
    }
}
