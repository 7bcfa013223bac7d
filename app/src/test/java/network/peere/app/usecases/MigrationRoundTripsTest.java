package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import network.peere.app.testing.TestCustomers;
import network.peere.app.testing.TestNetwork;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.participant.Participant;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.MigrateCustomers;
import org.junit.jupiter.api.Test;

/**
 * What one migration batch sends to MariaDB: its customers go in one multi-row {@code INSERT}, not one statement
 * each, and the batch's other writes go with the commit (docs/architecture.md, "Writes sent together"). A batch sent
 * row by row would still be correct, and every other test would pass; only this one counts.
 */
class MigrationRoundTripsTest {
    private static final Pattern ROW = Pattern.compile("\\(\\?(,\\?)*\\)");

    @Test
    void a_batch_of_500_new_customers_is_one_insert_in_three_round_trips() {
        try (RecordedPeere recorded = RecordedPeere.open()) {
            var recorder = recorded.recorder();
            var stores = recorded.stores();
            Peere peere = recorded.peere();
            Participant bank = TestNetwork.bank(peere);
            List<CustomerDraft> drafts = new ArrayList<>();
            for (int i = 0; i < MigrateCustomers.BATCH_SIZE_MAX; i++) {
                drafts.add(TestCustomers.draft("m" + i, "m" + i + "@example.com"));
            }
            // The bank's endpoints, which the batch's event is fanned out by, are kept for a second by each process:
            // warm, as in a migration's stream of batches, they cost no round trip.
            stores.webhookEndpoints().listFor(bank.mode(), bank.id());
            recorder.clear();

            var migration = peere.migrateCustomers()
                    .migrate(new MigrateCustomers.Command(
                            bank.mode(), bank.id(), drafts, Actor.system("round-trip test")));

            var batch = ((MigrateCustomers.Migration.Processed) migration).batch();
            assertThat(batch.items()).hasSize(500).allMatch(item -> item instanceof BatchItem.Created);
            List<String> sent = recorder.statements();
            List<String> own = sent.stream()
                    .filter(sql -> !sql.contains("FROM webhook_endpoints"))
                    .toList();
            String all = String.join("\n---\n", own).replaceAll("\\(\\?(,\\?)*\\)(,\\(\\?(,\\?)*\\))+", "(?,…),…");
            List<String> inserts = own.stream()
                    .filter(sql -> sql.contains("INSERT INTO customers"))
                    .toList();
            assertThat(inserts).as(all).hasSize(1);
            assertThat(ROW.matcher(inserts.getFirst()).results().count())
                    .as("rows in the one INSERT")
                    .isEqualTo(500);
            // The directory's lock with START TRANSACTION, the INSERT, and the batch row, its event and the commit.
            assertThat(own).as(all).hasSize(3);
            assertThat(own.getFirst()).startsWith("START TRANSACTION;").contains("FOR UPDATE");
            assertThat(own.getLast())
                    .contains("INSERT INTO customer_batches")
                    .contains("INSERT INTO webhook_events")
                    .endsWith("COMMIT AND NO CHAIN NO RELEASE;\nEND");
        }
    }
}
