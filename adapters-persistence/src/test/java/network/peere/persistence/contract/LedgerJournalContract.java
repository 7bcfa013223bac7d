package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import network.peere.core.domain.ledger.Account;
import network.peere.core.domain.ledger.AccountType;
import network.peere.core.domain.ledger.JournalTransaction;
import network.peere.core.domain.ledger.Posting;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.out.LedgerJournal;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LedgerJournal} does; one subclass per implementation. */
public abstract class LedgerJournalContract {
    private static final Currency NGN = Currency.getInstance("NGN");
    private static final Account BANK = new Account(AccountType.BANK_SETTLEMENT, "bank_1");
    private static final Account MERCHANT = new Account(AccountType.MERCHANT_PAYABLE, "mer_1");
    private static final Account FEES = new Account(AccountType.FEE_REVENUE, Account.NETWORK);

    private PeereStores stores;
    private LedgerJournal journal;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        journal = stores.ledger();
    }

    /** A confirmed charge: the bank owes the amount, the merchant is owed it less a fee, the network keeps the fee. */
    private static JournalTransaction charge(String id, Mode mode, String reference, long amount, long fee) {
        return new JournalTransaction(
                id,
                mode,
                reference,
                "charge confirmed",
                T0,
                List.of(
                        new Posting(BANK, Money.of(amount, "NGN")),
                        new Posting(MERCHANT, Money.of(-(amount - fee), "NGN")),
                        new Posting(FEES, Money.of(-fee, "NGN"))));
    }

    @Test
    void a_transaction_reads_back_with_its_postings_in_order() {
        var posted = charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500);
        journal.post(posted);
        assertThat(journal.forReference(SANDBOX, "txn_1")).containsExactly(posted);
    }

    @Test
    void the_trial_balance_sums_to_zero_and_gives_each_account_its_postings() {
        journal.post(charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500));
        journal.post(charge("jt_2", SANDBOX, "txn_2", 50_000, 500));
        journal.post(charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500).reversal("jt_3", "reversed", T0.plusSeconds(1)));

        var balance = journal.trialBalance(SANDBOX);
        assertThat(balance.sumsToZero()).isTrue();
        assertThat(balance.balance(BANK, NGN)).isEqualTo(50_000);
        assertThat(balance.balance(MERCHANT, NGN)).isEqualTo(-49_500);
        assertThat(balance.balance(FEES, NGN)).isEqualTo(-500);
        assertThat(journal.forReference(SANDBOX, "txn_1")).hasSize(2);
    }

    @Test
    void modes_keep_separate_books() {
        journal.post(charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500));
        assertThat(journal.trialBalance(LIVE).balances()).isEmpty();
        assertThat(journal.forReference(LIVE, "txn_1")).isEmpty();
    }

    @Test
    void a_posting_rolls_back_with_its_transaction_and_ids_are_unique() {
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    journal.post(charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500));
                    throw new IllegalStateException("the charge failed");
                }))
                .hasMessage("the charge failed");
        assertThat(journal.trialBalance(SANDBOX).balances()).isEmpty();
        journal.post(charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500));
        assertThatThrownBy(() -> journal.post(charge("jt_1", SANDBOX, "txn_9", 1_000, 10)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void an_unbalanced_transaction_cannot_even_be_built() {
        assertThatThrownBy(() -> new JournalTransaction(
                        "jt_x",
                        SANDBOX,
                        "txn_x",
                        "broken",
                        T0,
                        List.of(new Posting(BANK, Money.of(100, "NGN")), new Posting(MERCHANT, Money.of(-99, "NGN")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrent_postings_keep_the_books_balanced() {
        CompletableFuture.allOf(IntStream.range(0, 40)
                        .mapToObj(i -> CompletableFuture.runAsync(
                                () -> journal.post(charge("jt_" + i, SANDBOX, "txn_" + i, 10_000 + i, 100))))
                        .toArray(CompletableFuture[]::new))
                .join();
        var balance = journal.trialBalance(SANDBOX);
        assertThat(balance.sumsToZero()).isTrue();
        assertThat(balance.balance(FEES, NGN)).isEqualTo(-4_000);
    }
}
