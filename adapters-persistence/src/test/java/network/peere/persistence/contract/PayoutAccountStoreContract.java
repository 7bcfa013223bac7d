package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.ports.out.PayoutAccountStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PayoutAccountStore} does; one subclass per implementation. */
public abstract class PayoutAccountStoreContract {
    private static final ParticipantId MER_1 = new ParticipantId("mer_1");
    private static final ParticipantId MER_2 = new ParticipantId("mer_2");
    private static final PayoutAccount OLA = new PayoutAccount("Ọlá Bank", "0123456789", "Ọlá’s bakery 🍞");
    private static final PayoutAccount OTHER = new PayoutAccount("Other Bank", "9876543210", "Bakery Ltd");

    private PeereStores stores;
    private PayoutAccountStore accounts;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        accounts = stores.payoutAccounts();
    }

    @Test
    void an_account_reads_back_with_every_field() {
        accounts.save(LIVE, MER_1, OLA);

        assertThat(accounts.find(LIVE, MER_1)).contains(OLA);
        assertThat(accounts.find(LIVE, MER_2)).isEmpty();
    }

    @Test
    void saving_again_replaces_the_merchants_account() {
        accounts.save(LIVE, MER_1, OLA);
        accounts.save(LIVE, MER_1, OTHER);

        assertThat(accounts.find(LIVE, MER_1)).contains(OTHER);
    }

    @Test
    void modes_keep_separate_accounts() {
        accounts.save(SANDBOX, MER_1, OLA);
        accounts.save(LIVE, MER_1, OTHER);

        assertThat(accounts.find(SANDBOX, MER_1)).contains(OLA);
        assertThat(accounts.find(LIVE, MER_1)).contains(OTHER);
    }

    @Test
    void a_rolled_back_change_leaves_the_account_as_it_was() {
        accounts.save(LIVE, MER_1, OLA);

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    accounts.save(LIVE, MER_1, OTHER);
                    accounts.save(LIVE, MER_2, OTHER);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(accounts.find(LIVE, MER_1)).contains(OLA);
        assertThat(accounts.find(LIVE, MER_2)).isEmpty();
    }
}
