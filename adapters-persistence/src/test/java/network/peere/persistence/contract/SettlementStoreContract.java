package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_1;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_2;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_9;
import static network.peere.persistence.testing.TestMerchantScopes.merchant;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestSettlements.line;
import static network.peere.persistence.testing.TestSettlements.settlement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.settlement.PayoutAccount;
import network.peere.core.domain.settlement.PayoutStatus;
import network.peere.core.domain.settlement.Settlement;
import network.peere.core.domain.settlement.SettlementLine;
import network.peere.core.domain.settlement.SettlementLine.Kind;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.SettlementStore;
import network.peere.persistence.testing.TestMerchantScopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SettlementStore} does; one subclass per implementation. */
public abstract class SettlementStoreContract {
    private static final ParticipantId MER_1 = new ParticipantId("mer_1");
    private static final ParticipantId MER_2 = new ParticipantId("mer_2");
    private static final Currency NGN = Currency.getInstance("NGN");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Duration DAY = Duration.ofDays(1);
    private static final int CONCURRENT_WAIT_SECONDS = 30;

    private PeereStores stores;
    private SettlementStore settlements;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        settlements = stores.settlements();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Claims the settlement's window, then stores it, in one transaction: as a settlement run does. */
    private Settlement settle(Settlement settlement) {
        stores.transactor().useTransaction(() -> {
            assertThat(claim(settlement)).isTrue();
            settlements.insert(settlement);
        });
        return settlement;
    }

    private boolean claim(Settlement s) {
        return settlements.claimWindow(s.mode(), s.merchantId(), s.currency(), s.windowStart(), s.id());
    }

    private static List<String> ids(List<Settlement> list) {
        return list.stream().map(Settlement::id).toList();
    }

    @Test
    void a_window_is_claimed_once() {
        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_1")).isTrue();

        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_2")).isFalse();
        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_1")).isFalse();
    }

    @Test
    void another_merchant_currency_start_or_mode_is_another_window() {
        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_1")).isTrue();

        assertThat(settlements.claimWindow(LIVE, MER_2, NGN, T0, "stl_2")).isTrue();
        assertThat(settlements.claimWindow(LIVE, MER_1, USD, T0, "stl_3")).isTrue();
        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0.plus(DAY), "stl_4"))
                .isTrue();
        assertThat(settlements.claimWindow(SANDBOX, MER_1, NGN, T0, "stl_5")).isTrue();
    }

    @Test
    void a_second_claim_inside_one_transaction_answers_false_and_the_transaction_goes_on() {
        var first = settlement(LIVE, "1").build();

        stores.transactor().useTransaction(() -> {
            assertThat(claim(first)).isTrue();
            assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_2")).isFalse();
            settlements.insert(first);
        });

        assertThat(settlements.find(LIVE, first.id())).contains(first);
    }

    @Test
    void a_rolled_back_claim_frees_the_window() {
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_1");
                    throw new IllegalStateException("the run failed");
                }))
                .hasMessage("the run failed");

        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_2")).isTrue();
    }

    @Test
    void a_concurrent_runner_waits_for_the_first_claim_to_commit_then_gets_false() throws Exception {
        var firstClaimed = new CountDownLatch(1);
        Future<Boolean> first = threads.submit(() -> stores.transactor().inTransaction(() -> {
            boolean claimed = settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_1");
            firstClaimed.countDown();
            pause(Duration.ofMillis(300));
            return claimed;
        }));
        assertThat(firstClaimed.await(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS))
                .isTrue();

        Future<Boolean> second = threads.submit(
                () -> stores.transactor().inTransaction(() -> settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_2")));

        assertThat(first.get(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void a_concurrent_runner_waiting_on_a_claim_that_rolls_back_gets_the_window() throws Exception {
        var firstClaimed = new CountDownLatch(1);
        Future<Boolean> first = threads.submit(() -> stores.transactor().inTransaction(() -> {
            settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_1");
            firstClaimed.countDown();
            pause(Duration.ofMillis(300));
            throw new IllegalStateException("the first run failed");
        }));
        assertThat(firstClaimed.await(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS))
                .isTrue();

        Future<Boolean> second = threads.submit(
                () -> stores.transactor().inTransaction(() -> settlements.claimWindow(LIVE, MER_1, NGN, T0, "stl_2")));

        assertThatThrownBy(() -> first.get(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS))
                .hasRootCauseMessage("the first run failed");
        assertThat(second.get(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void of_two_runners_claiming_at_once_exactly_one_gets_the_window() throws Exception {
        var start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (String id : List.of("stl_1", "stl_2")) {
            claims.add(threads.submit(() -> {
                start.await();
                return stores.transactor().inTransaction(() -> {
                    boolean claimed = settlements.claimWindow(LIVE, MER_1, NGN, T0, id);
                    pause(Duration.ofMillis(50));
                    return claimed;
                });
            }));
        }
        start.countDown();

        long won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get(CONCURRENT_WAIT_SECONDS, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_settlement_reads_back_with_every_field_its_payout_account_and_its_lines_in_order() {
        var full = settle(settlement(LIVE, "1")
                .amounts(10_000, 2_000, 150, -300)
                .payoutAccount(Optional.of(new PayoutAccount("Ọlá Bank", "0123456789", "Ọlá’s bakery 🍞")))
                .lines(List.of(
                        line("jtx_2", Kind.CHARGE, 10_000, 150),
                        line("jtx_1", Kind.REFUND, -2_000, -30),
                        new SettlementLine(
                                "jtx_3",
                                Kind.REFUND_REVERSAL,
                                "rfd_1",
                                500,
                                0,
                                500,
                                Optional.empty(),
                                T0.plusNanos(123_456_000))))
                .build());

        assertThat(settlements.find(LIVE, full.id())).contains(full);
        assertThat(full.carriedInMinor()).isEqualTo(-300);
        assertThat(full.payoutStatus()).isEqualTo(PayoutStatus.PENDING);
    }

    @Test
    void a_window_netting_to_nothing_or_less_carries_out_with_no_payout() {
        var negative = settle(settlement(LIVE, "1").amounts(1_000, 3_000, 15, 0).build());

        var read = settlements.find(LIVE, negative.id()).orElseThrow();

        assertThat(read).isEqualTo(negative);
        assertThat(read.carriedOutMinor()).isEqualTo(-2_015);
        assertThat(read.payoutStatus()).isEqualTo(PayoutStatus.NONE);
        assertThat(read.payoutAccount()).isEmpty();
        assertThat(read.lines()).isEmpty();
    }

    @Test
    void a_settlement_is_stored_only_in_the_window_it_claimed() {
        var unclaimed = settlement(LIVE, "1").build();
        var claimedByAnother = settlement(LIVE, "2").windowStart(T0.plus(DAY)).build();

        assertThatThrownBy(() -> settlements.insert(unclaimed)).isInstanceOf(IllegalStateException.class);
        assertThat(settlements.claimWindow(LIVE, MER_1, NGN, T0.plus(DAY), "stl_other"))
                .isTrue();
        assertThatThrownBy(() -> settlements.insert(claimedByAnother)).isInstanceOf(IllegalStateException.class);

        assertThat(settlements.find(LIVE, unclaimed.id())).isEmpty();
        assertThat(settlements.find(LIVE, claimedByAnother.id())).isEmpty();
    }

    @Test
    void a_payout_moves_once_from_pending_and_only_the_status_changes() {
        var pending = settle(settlement(LIVE, "1").build());
        Instant now = T0.plus(DAY).plusSeconds(600);
        var paid = pending.withPayoutStatus(PayoutStatus.PAID, now);
        var failed = pending.withPayoutStatus(PayoutStatus.FAILED, now);

        assertThat(settlements.update(paid)).isTrue();
        assertThat(settlements.update(failed)).isFalse();

        assertThat(settlements.find(LIVE, pending.id())).contains(paid);
        assertThat(settlements.update(settlement(SANDBOX, "1").build().withPayoutStatus(PayoutStatus.PAID, now)))
                .isFalse();
        assertThat(settlements.update(settlement(LIVE, "9").build().withPayoutStatus(PayoutStatus.PAID, now)))
                .isFalse();
    }

    @Test
    void the_latest_settlement_is_the_merchants_newest_window_in_that_currency() {
        settle(settlement(LIVE, "1").windowStart(T0).build());
        var newest = settle(settlement(LIVE, "3")
                .windowStart(T0.plus(DAY))
                .lines(List.of(line("jtx_1", Kind.CHARGE, 10_000, 150)))
                .build());
        settle(settlement(LIVE, "usd")
                .currency("USD")
                .windowStart(T0.plus(DAY.multipliedBy(5)))
                .build());
        settle(settlement(LIVE, "other")
                .merchant("mer_2")
                .windowStart(T0.plus(DAY.multipliedBy(5)))
                .build());
        settle(settlement(SANDBOX, "sandbox")
                .windowStart(T0.plus(DAY.multipliedBy(5)))
                .build());

        assertThat(settlements.latest(LIVE, MER_1, NGN)).contains(newest);
        assertThat(settlements.latest(LIVE, new ParticipantId("mer_3"), NGN)).isEmpty();
    }

    @Test
    void payouts_are_summed_per_merchant_and_currency_whatever_their_status() {
        var paid = settle(settlement(LIVE, "1").amounts(10_000, 0, 100, 0).build());
        settlements.update(paid.withPayoutStatus(PayoutStatus.PAID, T0.plus(DAY.multipliedBy(2))));
        settle(settlement(LIVE, "2")
                .windowStart(T0.plus(DAY))
                .amounts(5_000, 0, 50, 0)
                .build());
        settle(settlement(LIVE, "3")
                .windowStart(T0.plus(DAY.multipliedBy(2)))
                .amounts(1_000, 5_000, 10, 0)
                .build());
        settle(settlement(LIVE, "4").currency("USD").amounts(700, 0, 7, 0).build());
        settle(settlement(LIVE, "5").merchant("mer_2").amounts(300, 0, 3, 0).build());
        settle(settlement(SANDBOX, "6").amounts(999_999, 0, 0, 0).build());

        assertThat(settlements.payoutsByMerchant(LIVE))
                .containsExactlyInAnyOrder(
                        new MoneyTotal("mer_1", NGN, 9_900 + 4_950, 0),
                        new MoneyTotal("mer_1", USD, 693, 0),
                        new MoneyTotal("mer_2", NGN, 297, 0));
        assertThat(settlements.payoutsByMerchant(SANDBOX)).containsExactly(new MoneyTotal("mer_1", NGN, 999_999, 0));
    }

    @Test
    void a_providers_list_is_newest_window_first_without_lines_in_pages_with_the_total() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        settle(settlement(LIVE, "a")
                .windowStart(T0)
                .lines(List.of(line("jtx_1", Kind.CHARGE, 10_000, 150)))
                .build());
        settle(settlement(LIVE, "b")
                .merchant("mer_2")
                .windowStart(T0.plus(DAY.multipliedBy(2)))
                .build());
        settle(settlement(LIVE, "c").windowStart(T0.plus(DAY)).build());
        settle(settlement(LIVE, "d").currency("USD").windowStart(T0.plus(DAY)).build());
        settle(settlement(LIVE, "e")
                .merchant("mer_3")
                .windowStart(T0.plus(DAY.multipliedBy(9)))
                .build());
        settle(settlement(SANDBOX, "f")
                .windowStart(T0.plus(DAY.multipliedBy(9)))
                .build());

        var all = list(PROV_1, Optional.empty(), Optional.empty(), new PageRequest(0, 10));
        var second = list(PROV_1, Optional.empty(), Optional.empty(), new PageRequest(1, 2));
        var pastTheEnd = list(PROV_1, Optional.empty(), Optional.empty(), new PageRequest(10, 2));
        var oneMerchant = list(merchant("mer_2"), Optional.empty(), Optional.empty(), new PageRequest(0, 10));

        assertThat(ids(all.items())).containsExactly("stl_b", "stl_d", "stl_c", "stl_a");
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.items()).allSatisfy(s -> assertThat(s.lines()).isEmpty());
        assertThat(ids(second.items())).containsExactly("stl_d", "stl_c");
        assertThat(second.total()).isEqualTo(4);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(4);
        assertThat(ids(oneMerchant.items())).containsExactly("stl_b");
        assertThat(oneMerchant.total()).isEqualTo(1);
    }

    @Test
    void a_providers_list_holds_the_settlements_of_its_merchants_in_the_mode_as_they_are_now() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        settle(settlement(LIVE, "1").merchant("mer_1").windowStart(T0).build());
        settle(settlement(LIVE, "2").merchant("mer_2").windowStart(T0.plus(DAY)).build());
        settle(settlement(LIVE, "other_provider").merchant("mer_3").build());
        settle(settlement(LIVE, "direct").merchant("mer_4").build());
        settle(settlement(LIVE, "of_a_sandbox_merchant").merchant("mer_5").build());
        settle(settlement(LIVE, "of_the_provider_itself").merchant("prov_1").build());
        settle(settlement(SANDBOX, "other_mode").merchant("mer_5").build());

        assertThat(ids(listed(LIVE, PROV_1))).containsExactly("stl_2", "stl_1");
        assertThat(ids(listed(LIVE, PROV_2))).containsExactly("stl_other_provider");
        assertThat(ids(listed(SANDBOX, PROV_1))).containsExactly("stl_other_mode");
        assertThat(listed(LIVE, PROV_9)).isEmpty();

        TestMerchantScopes.moveTo(stores.participants(), LIVE, "mer_2", "prov_2");

        assertThat(ids(listed(LIVE, PROV_1))).containsExactly("stl_1");
        assertThat(ids(listed(LIVE, PROV_2))).containsExactly("stl_2", "stl_other_provider");
    }

    private List<Settlement> listed(Mode mode, MerchantScope scope) {
        var page = settlements.list(mode, scope, Optional.empty(), Optional.empty(), new PageRequest(0, 10));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items();
    }

    @Test
    void the_list_filters_on_the_window_start_from_inclusive_to_exclusive() {
        settle(settlement(LIVE, "before").windowStart(T0.minusNanos(1_000)).build());
        settle(settlement(LIVE, "from").windowStart(T0).build());
        settle(settlement(LIVE, "inside").windowStart(T0.plus(DAY)).build());
        settle(settlement(LIVE, "to").windowStart(T0.plus(DAY.multipliedBy(2))).build());

        var page = list(
                merchant("mer_1"), Optional.of(T0), Optional.of(T0.plus(DAY.multipliedBy(2))), PageRequest.first());

        assertThat(ids(page.items())).containsExactly("stl_inside", "stl_from");
        assertThat(page.total()).isEqualTo(2);
        assertThat(ids(list(merchant("mer_1"), Optional.of(T0.plus(DAY)), Optional.empty(), PageRequest.first())
                        .items()))
                .containsExactly("stl_to", "stl_inside");
    }

    private Page<Settlement> list(
            MerchantScope merchants, Optional<Instant> from, Optional<Instant> to, PageRequest page) {
        return settlements.list(LIVE, merchants, from, to, page);
    }

    @Test
    void another_mode_never_sees_a_settlement() {
        var sandbox = settle(settlement(SANDBOX, "1").build());

        assertThat(settlements.find(LIVE, sandbox.id())).isEmpty();
        assertThat(settlements.latest(LIVE, MER_1, NGN)).isEmpty();
        assertThat(settlements.payoutsByMerchant(LIVE)).isEmpty();
        assertThat(settlements
                        .list(LIVE, merchant("mer_1"), Optional.empty(), Optional.empty(), PageRequest.first())
                        .total())
                .isZero();
    }

    @Test
    void a_rolled_back_run_leaves_no_settlement_no_lines_and_no_claim() {
        var rolledBack = settlement(LIVE, "1")
                .lines(List.of(line("jtx_1", Kind.CHARGE, 10_000, 150)))
                .build();

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    claim(rolledBack);
                    settlements.insert(rolledBack);
                    throw new IllegalStateException("the run failed");
                }))
                .hasMessage("the run failed");

        assertThat(settlements.find(LIVE, rolledBack.id())).isEmpty();
        assertThat(settlements.latest(LIVE, MER_1, NGN)).isEmpty();
        assertThat(settle(rolledBack))
                .isEqualTo(settlements.find(LIVE, rolledBack.id()).orElseThrow());
    }
}
