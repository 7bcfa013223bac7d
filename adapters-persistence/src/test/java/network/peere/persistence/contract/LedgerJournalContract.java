package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
    void transactions_posted_together_read_back_each_with_its_postings() {
        var first = charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500);
        var second = charge("jt_2", SANDBOX, "txn_2", 50_000, 500);

        journal.postAll(List.of(first, second));
        journal.postAll(List.of());

        assertThat(journal.forReference(SANDBOX, "txn_1")).containsExactly(first);
        assertThat(journal.forReference(SANDBOX, "txn_2")).containsExactly(second);
        var balance = journal.trialBalance(SANDBOX);
        assertThat(balance.sumsToZero()).isTrue();
        assertThat(balance.balance(BANK, NGN)).isEqualTo(200_000);
    }

    @Test
    void transactions_posted_together_roll_back_together() {
        assertThatThrownBy(() -> stores.transactor()
                        .useTransaction(() -> journal.postAll(List.of(
                                charge("jt_1", SANDBOX, "txn_1", 150_000, 1_500),
                                charge("jt_1", SANDBOX, "txn_2", 50_000, 500)))))
                .isInstanceOf(RuntimeException.class);

        assertThat(journal.forReference(SANDBOX, "txn_1")).isEmpty();
        assertThat(journal.trialBalance(SANDBOX).balance(BANK, NGN)).isZero();
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

    private static final Account MERCHANT_2 = new Account(AccountType.MERCHANT_PAYABLE, "mer_2");
    private static final Currency USD = Currency.getInstance("USD");

    /** A charge on {@code MERCHANT} at a given time. */
    private static JournalTransaction chargeAt(String id, Mode mode, Instant at) {
        var posted = charge(id, mode, "txn_" + id, 10_000, 150);
        return new JournalTransaction(id, mode, posted.reference(), posted.description(), at, posted.postings());
    }

    private static JournalTransaction between(String id, Account merchant, String currency, Instant at, long amount) {
        return new JournalTransaction(
                id,
                SANDBOX,
                "txn_" + id,
                "charge confirmed",
                at,
                List.of(
                        new Posting(BANK, Money.of(amount, currency)),
                        new Posting(merchant, Money.of(-amount, currency))));
    }

    private static List<String> ids(List<JournalTransaction> transactions) {
        return transactions.stream().map(JournalTransaction::id).toList();
    }

    @Test
    void a_settlement_claims_each_transaction_once_oldest_first_with_all_its_postings() {
        var second = chargeAt("jt_2", SANDBOX, T0.plusSeconds(2));
        var first = chargeAt("jt_1", SANDBOX, T0.plusSeconds(1));
        journal.post(second);
        journal.post(first);
        Instant before = T0.plusSeconds(3_600);

        assertThat(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, before, "stl_1"))
                .containsExactly(first, second);

        var later = chargeAt("jt_3", SANDBOX, T0.plusSeconds(3));
        journal.post(later);
        assertThat(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, before, "stl_2"))
                .containsExactly(later);
        assertThat(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, before, "stl_3"))
                .isEmpty();
    }

    @Test
    void a_transaction_with_several_postings_on_the_account_is_claimed_once() {
        var split = new JournalTransaction(
                "jt_1",
                SANDBOX,
                "txn_1",
                "charge confirmed",
                T0,
                List.of(
                        new Posting(BANK, Money.of(1_000, "NGN")),
                        new Posting(MERCHANT, Money.of(-900, "NGN")),
                        new Posting(MERCHANT, Money.of(-100, "NGN"))));
        journal.post(split);

        assertThat(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, T0.plusSeconds(1), "stl_1"))
                .containsExactly(split);
    }

    @Test
    void a_claim_takes_only_that_account_in_that_currency_before_the_cutoff_in_its_mode() {
        Instant cutoff = T0.plusSeconds(10);
        journal.post(between("jt_in", MERCHANT, "NGN", T0, 1_000));
        journal.post(between("jt_at_cutoff", MERCHANT, "NGN", cutoff, 1_000));
        journal.post(between("jt_usd", MERCHANT, "USD", T0, 1_000));
        journal.post(between("jt_other_merchant", MERCHANT_2, "NGN", T0, 1_000));
        journal.post(chargeAt("jt_live", LIVE, T0));

        assertThat(ids(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, cutoff, "stl_1")))
                .containsExactly("jt_in");
        assertThat(ids(journal.claimForSettlement(SANDBOX, MERCHANT, USD, cutoff, "stl_2")))
                .containsExactly("jt_usd");
        assertThat(ids(journal.claimForSettlement(SANDBOX, MERCHANT_2, NGN, cutoff, "stl_3")))
                .containsExactly("jt_other_merchant");
        assertThat(ids(journal.claimForSettlement(LIVE, MERCHANT, NGN, cutoff, "stl_4")))
                .containsExactly("jt_live");
        assertThat(ids(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, cutoff.plusNanos(1_000), "stl_5")))
                .containsExactly("jt_at_cutoff");
    }

    @Test
    void the_same_transaction_settles_separately_on_each_of_its_accounts() {
        var posted = chargeAt("jt_1", SANDBOX, T0);
        journal.post(posted);

        assertThat(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, T0.plusSeconds(1), "stl_1"))
                .containsExactly(posted);
        assertThat(journal.claimForSettlement(SANDBOX, BANK, NGN, T0.plusSeconds(1), "stl_2"))
                .containsExactly(posted);
    }

    @Test
    void a_rolled_back_claim_leaves_the_transactions_for_the_next() {
        journal.post(chargeAt("jt_1", SANDBOX, T0));

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    journal.claimForSettlement(SANDBOX, MERCHANT, NGN, T0.plusSeconds(1), "stl_1");
                    throw new IllegalStateException("the run failed");
                }))
                .hasMessage("the run failed");

        assertThat(ids(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, T0.plusSeconds(1), "stl_2")))
                .containsExactly("jt_1");
    }

    @Test
    void an_assigned_payout_is_settled_once_and_never_claimed() {
        journal.post(between("jt_payout", MERCHANT, "NGN", T0, 1_000));

        journal.assignToSettlement(SANDBOX, "jt_payout", MERCHANT, "stl_1");

        assertThat(journal.claimForSettlement(SANDBOX, MERCHANT, NGN, T0.plusSeconds(1), "stl_2"))
                .isEmpty();
        assertThat(journal.unsettled(SANDBOX, AccountType.MERCHANT_PAYABLE, T0.plusSeconds(1), 10))
                .isEmpty();
        assertThatThrownBy(() -> journal.assignToSettlement(SANDBOX, "jt_payout", MERCHANT, "stl_3"))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_reference_is_settled_once_a_settlement_took_its_transaction_on_that_account_type() {
        journal.post(charge("jt_1", SANDBOX, "txn_1", 1_000, 10));
        journal.post(charge("jt_2", SANDBOX, "txn_2", 1_000, 10));
        journal.post(charge("jt_live", LIVE, "txn_live", 1_000, 10));
        List<String> references = List.of("txn_1", "txn_2", "txn_live", "txn_unknown");

        assertThat(journal.settledReferences(SANDBOX, AccountType.MERCHANT_PAYABLE, references))
                .isEmpty();

        journal.assignToSettlement(SANDBOX, "jt_1", MERCHANT, "stl_1");
        journal.assignToSettlement(SANDBOX, "jt_2", BANK, "stl_2");
        journal.assignToSettlement(LIVE, "jt_live", MERCHANT, "stl_3");

        assertThat(journal.settledReferences(SANDBOX, AccountType.MERCHANT_PAYABLE, references))
                .containsExactly("txn_1");
        assertThat(journal.settledReferences(SANDBOX, AccountType.BANK_SETTLEMENT, references))
                .containsExactly("txn_2");
        assertThat(journal.settledReferences(LIVE, AccountType.MERCHANT_PAYABLE, references))
                .containsExactly("txn_live");
        assertThat(journal.settledReferences(SANDBOX, AccountType.MERCHANT_PAYABLE, List.of()))
                .isEmpty();
    }

    @Test
    void unsettled_accounts_of_a_type_come_earliest_first_with_their_currency() {
        Instant cutoff = T0.plusSeconds(100);
        journal.post(between("jt_1", MERCHANT, "NGN", T0.plusSeconds(5), 1_000));
        journal.post(between("jt_2", MERCHANT, "NGN", T0.plusSeconds(2), 1_000));
        journal.post(between("jt_3", MERCHANT_2, "NGN", T0.plusSeconds(1), 1_000));
        journal.post(between("jt_4", MERCHANT, "USD", T0.plusSeconds(3), 1_000));
        journal.post(between("jt_late", new Account(AccountType.MERCHANT_PAYABLE, "mer_late"), "NGN", cutoff, 1));
        journal.post(between("jt_settled", new Account(AccountType.MERCHANT_PAYABLE, "mer_done"), "NGN", T0, 1));
        journal.claimForSettlement(
                SANDBOX, new Account(AccountType.MERCHANT_PAYABLE, "mer_done"), NGN, cutoff, "stl_done");
        journal.post(chargeAt("jt_live", LIVE, T0));

        assertThat(journal.unsettled(SANDBOX, AccountType.MERCHANT_PAYABLE, cutoff, 10))
                .containsExactly(
                        new LedgerJournal.Unsettled(MERCHANT_2, NGN, T0.plusSeconds(1)),
                        new LedgerJournal.Unsettled(MERCHANT, NGN, T0.plusSeconds(2)),
                        new LedgerJournal.Unsettled(MERCHANT, USD, T0.plusSeconds(3)));
        assertThat(journal.unsettled(SANDBOX, AccountType.MERCHANT_PAYABLE, cutoff, 2))
                .hasSize(2);
        assertThat(journal.unsettled(SANDBOX, AccountType.BANK_SETTLEMENT, cutoff, 10))
                .containsExactly(
                        new LedgerJournal.Unsettled(BANK, NGN, T0),
                        new LedgerJournal.Unsettled(BANK, USD, T0.plusSeconds(3)));
        assertThat(journal.unsettled(LIVE, AccountType.MERCHANT_PAYABLE, cutoff, 10))
                .containsExactly(new LedgerJournal.Unsettled(MERCHANT, NGN, T0));
    }

    @Test
    void a_claimed_window_leaves_the_rest_unsettled() {
        journal.post(between("jt_1", MERCHANT, "NGN", T0, 1_000));
        journal.post(between("jt_2", MERCHANT, "NGN", T0.plusSeconds(10), 1_000));

        journal.claimForSettlement(SANDBOX, MERCHANT, NGN, T0.plusSeconds(5), "stl_1");

        assertThat(journal.unsettled(SANDBOX, AccountType.MERCHANT_PAYABLE, T0.plusSeconds(60), 10))
                .containsExactly(new LedgerJournal.Unsettled(MERCHANT, NGN, T0.plusSeconds(10)));
    }
}
