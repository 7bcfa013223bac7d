package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.persistence.testing.TestAgreements.agreement;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.AgreementStore;
import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.testing.TestParticipants;
import network.peere.persistence.testing.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a store that locks row by row (a database) does beyond {@link AgreementStoreContract}: the in-memory store's
 * one lock serialises every transaction, so it cannot show that a read leaves other rows unlocked.
 */
public abstract class AgreementRowLocksContract {
    private static final ParticipantId BANK_1 = new ParticipantId("bank_1");

    private PeereStores stores;
    private AgreementStore agreements;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        agreements = stores.agreements();
    }

    @Test
    void a_bills_read_locks_its_agreement_and_nothing_else() throws Exception {
        stores.participants().insert(TestParticipants.bank(LIVE, "bank_1"));
        var billed = insert(agreement(LIVE, "1").active().build());
        var other = insert(agreement(LIVE, "2").blockMerchant(true).build());
        ExecutorService otherSide = Executors.newSingleThreadExecutor();
        try {
            stores.transactor().useTransaction(() -> {
                assertThat(agreements.lockForBilling(LIVE, billed.agreementPhrase()))
                        .isPresent();
                Future<Boolean> elsewhere =
                        otherSide.submit(() -> stores.transactor().inTransaction(() -> {
                            // The blocking agreement and the bank change meanwhile, without waiting for the bill.
                            var bank = stores.participants().find(LIVE, BANK_1).orElseThrow();
                            return agreements.lock(LIVE, other.id()).isPresent()
                                    && agreements.update(other.billedAt(T0.plusSeconds(5)))
                                    && stores.participants()
                                            .update(bank.withStatus(
                                                    network.peere.core.domain.participant.ParticipantStatus.SUSPENDED,
                                                    T0.plusSeconds(5)));
                        }));
                try {
                    assertThat(elsewhere.get(10, TimeUnit.SECONDS)).isTrue();
                } catch (Exception e) {
                    throw new IllegalStateException("the other rows were locked by the bill's read", e);
                }
                Future<Boolean> sameRow = otherSide.submit(() ->
                        stores.transactor().inTransaction(() -> agreements.update(billed.billedAt(T0.plusSeconds(6)))));
                assertThat(Waits.endsBriefly(sameRow))
                        .as("the agreement itself stays locked")
                        .isFalse();
            });
        } finally {
            otherSide.shutdown();
            assertThat(otherSide.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Agreement insert(Agreement agreement) {
        agreements.insert(agreement);
        return agreement;
    }
}
