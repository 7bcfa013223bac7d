package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_1;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_2;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_9;
import static network.peere.persistence.testing.TestMerchantScopes.merchant;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestRefunds.refund;
import static network.peere.persistence.testing.TestRefunds.refundWithEverything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.refund.Refund;
import network.peere.core.domain.refund.RefundStatus;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RefundStore;
import network.peere.persistence.testing.TestMerchantScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RefundStore} does; one subclass per implementation. */
public abstract class RefundStoreContract {
    private static final ParticipantId MER_1 = new ParticipantId("mer_1");
    private static final ParticipantId MER_2 = new ParticipantId("mer_2");
    private static final ParticipantId BANK_1 = new ParticipantId("bank_1");
    private static final Currency NGN = Currency.getInstance("NGN");
    private static final Currency USD = Currency.getInstance("USD");

    private PeereStores stores;
    private RefundStore refunds;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        refunds = stores.refunds();
    }

    private Refund insert(Refund refund) {
        refunds.insert(refund);
        return refund;
    }

    private static List<String> ids(List<Refund> list) {
        return list.stream().map(Refund::id).toList();
    }

    @Test
    void a_pending_refund_reads_back_with_every_field_and_its_empty_optionals() {
        var pending = insert(refund(SANDBOX, "1").build());

        assertThat(refunds.find(SANDBOX, pending.id())).contains(pending);
        assertThat(pending.metadata()).isEmpty();
        assertThat(pending.processedAt()).isEmpty();
    }

    @Test
    void a_failed_refund_reads_back_with_its_metadata_references_and_fee_given_back() {
        var full = insert(refundWithEverything(LIVE, "1").build());

        assertThat(refunds.find(LIVE, full.id())).contains(full);
        assertThat(full.feeReturned()).isEqualTo(Money.of(37, "NGN"));
    }

    @Test
    void refund_ids_are_unique() {
        insert(refund(LIVE, "1").build());

        assertThatThrownBy(
                        () -> refunds.insert(refund(LIVE, "1").amountMinor(10).build()))
                .isInstanceOf(RuntimeException.class);
        assertThat(refunds.find(LIVE, "rfd_1").orElseThrow().amount()).isEqualTo(Money.of(300, "NGN"));
    }

    @Test
    void of_two_answers_from_the_same_copy_exactly_one_is_stored() {
        var pending = insert(refund(LIVE, "1").build());
        Instant now = T0.plusSeconds(10);
        var completed = pending.complete(Optional.of("bank-rfd-1"), now);
        var failed = pending.fail("account closed", now);

        assertThat(refunds.update(completed)).isTrue();
        assertThat(refunds.update(failed)).isFalse();

        assertThat(refunds.find(LIVE, pending.id())).contains(completed);
    }

    @Test
    void a_refund_moves_through_processing_keeping_its_reference() {
        var pending = insert(refund(LIVE, "1").build());
        var processing = pending.processing(Optional.of("bank-rfd-1"), T0.plusSeconds(1));
        var failed = processing.fail("account closed", T0.plusSeconds(2));

        assertThat(refunds.update(processing)).isTrue();
        assertThat(refunds.find(LIVE, pending.id())).contains(processing);
        assertThat(refunds.update(failed)).isTrue();

        var read = refunds.find(LIVE, pending.id()).orElseThrow();
        assertThat(read).isEqualTo(failed);
        assertThat(read.bankReference()).contains("bank-rfd-1");
        assertThat(read.processedAt()).contains(T0.plusSeconds(2));
    }

    @Test
    void an_update_in_another_mode_or_of_an_unknown_refund_changes_nothing() {
        var pending = insert(refund(LIVE, "1").build());

        assertThat(refunds.update(refund(SANDBOX, "1").build().complete(Optional.empty(), T0.plusSeconds(1))))
                .isFalse();
        assertThat(refunds.update(refund(LIVE, "2").build().complete(Optional.empty(), T0.plusSeconds(1))))
                .isFalse();
        assertThat(refunds.find(LIVE, pending.id())).contains(pending);
        assertThat(refunds.find(LIVE, "rfd_2")).isEmpty();
    }

    @Test
    void a_charges_refunds_are_oldest_first() {
        insert(refund(LIVE, "2").createdAt(T0.plusSeconds(2)).build());
        insert(refund(LIVE, "1").createdAt(T0.plusSeconds(1)).build());
        insert(refund(LIVE, "0").createdAt(T0.plusSeconds(1)).build());
        insert(refund(LIVE, "other_charge").charge("txn_2").build());
        insert(refund(SANDBOX, "other_mode").build());

        assertThat(ids(refunds.forCharge(LIVE, "txn_1"))).containsExactly("rfd_0", "rfd_1", "rfd_2");
        assertThat(refunds.forCharge(LIVE, "txn_9")).isEmpty();
    }

    @Test
    void a_providers_list_is_newest_first_then_by_id_in_pages_with_the_total() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(refund(LIVE, "a").createdAt(T0).build());
        insert(refund(LIVE, "b").merchant("mer_2").createdAt(T0.plusSeconds(2)).build());
        insert(refund(LIVE, "c").createdAt(T0.plusSeconds(1)).build());
        insert(refund(LIVE, "d").createdAt(T0.plusSeconds(1)).build());
        insert(refund(LIVE, "e").merchant("mer_3").createdAt(T0.plusSeconds(9)).build());
        insert(refund(SANDBOX, "f").createdAt(T0.plusSeconds(9)).build());

        var all = refunds.list(LIVE, PROV_1, new PageRequest(0, 10));
        var second = refunds.list(LIVE, PROV_1, new PageRequest(1, 2));
        var pastTheEnd = refunds.list(LIVE, PROV_1, new PageRequest(10, 2));
        var oneMerchant = refunds.list(LIVE, merchant("mer_2"), new PageRequest(0, 10));

        assertThat(ids(all.items())).containsExactly("rfd_b", "rfd_d", "rfd_c", "rfd_a");
        assertThat(all.total()).isEqualTo(4);
        assertThat(ids(second.items())).containsExactly("rfd_d", "rfd_c");
        assertThat(second.total()).isEqualTo(4);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(4);
        assertThat(ids(oneMerchant.items())).containsExactly("rfd_b");
        assertThat(oneMerchant.total()).isEqualTo(1);
    }

    @Test
    void a_providers_list_holds_the_refunds_of_its_merchants_in_the_mode_as_they_are_now() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(refund(LIVE, "1").merchant("mer_1").createdAt(T0).build());
        insert(refund(LIVE, "2").merchant("mer_2").createdAt(T0.plusSeconds(1)).build());
        insert(refund(LIVE, "other_provider").merchant("mer_3").build());
        insert(refund(LIVE, "direct").merchant("mer_4").build());
        insert(refund(LIVE, "of_a_sandbox_merchant").merchant("mer_5").build());
        insert(refund(LIVE, "of_the_provider_itself").merchant("prov_1").build());
        insert(refund(SANDBOX, "other_mode").merchant("mer_5").build());

        assertThat(ids(listed(LIVE, PROV_1))).containsExactly("rfd_2", "rfd_1");
        assertThat(ids(listed(LIVE, PROV_2))).containsExactly("rfd_other_provider");
        assertThat(ids(listed(SANDBOX, PROV_1))).containsExactly("rfd_other_mode");
        assertThat(listed(LIVE, PROV_9)).isEmpty();

        TestMerchantScopes.moveTo(stores.participants(), LIVE, "mer_2", "prov_2");

        assertThat(ids(listed(LIVE, PROV_1))).containsExactly("rfd_1");
        assertThat(ids(listed(LIVE, PROV_2))).containsExactly("rfd_2", "rfd_other_provider");
    }

    private List<Refund> listed(Mode mode, MerchantScope scope) {
        var page = refunds.list(mode, scope, new PageRequest(0, 10));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items();
    }

    @Test
    void refunds_that_have_not_failed_are_summed_per_merchant_and_currency_with_the_fee_given_back() {
        insert(refund(LIVE, "pending").amountMinor(300).feeReturnedMinor(4).build());
        insert(refund(LIVE, "processing")
                .status(RefundStatus.PROCESSING)
                .amountMinor(200)
                .feeReturnedMinor(3)
                .build());
        insert(refund(LIVE, "completed")
                .status(RefundStatus.COMPLETED)
                .amountMinor(100)
                .feeReturnedMinor(1)
                .build());
        insert(refund(LIVE, "failed")
                .status(RefundStatus.FAILED)
                .amountMinor(9_000)
                .feeReturnedMinor(90)
                .build());
        insert(refund(LIVE, "usd")
                .amount(Money.of(50, "USD"))
                .feeReturnedMinor(1)
                .build());
        insert(refund(LIVE, "mer_2").merchant("mer_2").amountMinor(70).build());
        insert(refund(SANDBOX, "sandbox").amountMinor(5_000).build());

        assertThat(refunds.notFailedByMerchant(LIVE))
                .containsExactlyInAnyOrder(
                        new MoneyTotal("mer_1", NGN, 600, 8),
                        new MoneyTotal("mer_1", USD, 50, 1),
                        new MoneyTotal("mer_2", NGN, 70, 0));
        assertThat(refunds.notFailedByMerchant(SANDBOX)).containsExactly(new MoneyTotal("mer_1", NGN, 5_000, 0));
    }

    @Test
    void completed_refunds_are_summed_per_bank_and_currency() {
        insert(refund(LIVE, "1")
                .status(RefundStatus.COMPLETED)
                .amountMinor(100)
                .feeReturnedMinor(1)
                .build());
        insert(refund(LIVE, "2").status(RefundStatus.COMPLETED).amountMinor(250).build());
        insert(refund(LIVE, "3")
                .status(RefundStatus.COMPLETED)
                .bank("bank_2")
                .amountMinor(40)
                .build());
        insert(refund(LIVE, "4")
                .status(RefundStatus.COMPLETED)
                .amount(Money.of(5, "USD"))
                .build());
        insert(refund(LIVE, "pending").amountMinor(1_000).build());
        insert(refund(LIVE, "failed")
                .status(RefundStatus.FAILED)
                .amountMinor(1_000)
                .build());
        insert(refund(SANDBOX, "sandbox").status(RefundStatus.COMPLETED).build());

        assertThat(refunds.completedByBank(LIVE))
                .containsExactlyInAnyOrder(
                        new MoneyTotal("bank_1", NGN, 350, 0),
                        new MoneyTotal("bank_1", USD, 5, 0),
                        new MoneyTotal("bank_2", NGN, 40, 0));
    }

    @Test
    void a_banks_pending_and_processing_refunds_created_before_a_time_await_it_oldest_first() {
        Instant cutoff = T0.plusSeconds(100);
        insert(refund(SANDBOX, "2")
                .status(RefundStatus.PROCESSING)
                .createdAt(T0.plusSeconds(20))
                .build());
        insert(refund(SANDBOX, "1").createdAt(T0.plusSeconds(10)).build());
        insert(refund(SANDBOX, "3").createdAt(T0.plusSeconds(30)).build());
        insert(refund(SANDBOX, "at_cutoff").createdAt(cutoff).build());
        insert(refund(SANDBOX, "other_bank").bank("bank_2").build());
        insert(refund(SANDBOX, "completed").status(RefundStatus.COMPLETED).build());
        insert(refund(SANDBOX, "failed").status(RefundStatus.FAILED).build());
        insert(refund(LIVE, "live").build());

        assertThat(ids(refunds.awaitingBank(SANDBOX, BANK_1, cutoff, 10))).containsExactly("rfd_1", "rfd_2", "rfd_3");
        assertThat(ids(refunds.awaitingBank(SANDBOX, BANK_1, cutoff, 2))).containsExactly("rfd_1", "rfd_2");
    }

    @Test
    void another_mode_never_sees_a_refund() {
        var sandbox = insert(refund(SANDBOX, "1").status(RefundStatus.COMPLETED).build());

        assertThat(refunds.find(LIVE, sandbox.id())).isEmpty();
        assertThat(refunds.forCharge(LIVE, sandbox.chargeId())).isEmpty();
        assertThat(refunds.list(LIVE, merchant("mer_1"), PageRequest.first()).total())
                .isZero();
        assertThat(refunds.notFailedByMerchant(LIVE)).isEmpty();
        assertThat(refunds.completedByBank(LIVE)).isEmpty();
    }

    @Test
    void a_rolled_back_transaction_leaves_no_refund_and_no_change() {
        var kept = insert(refund(LIVE, "1").build());

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    refunds.insert(refund(LIVE, "2").build());
                    refunds.update(kept.fail("account closed", T0.plusSeconds(5)));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(refunds.find(LIVE, "rfd_2")).isEmpty();
        assertThat(refunds.find(LIVE, kept.id())).contains(kept);
    }
}
