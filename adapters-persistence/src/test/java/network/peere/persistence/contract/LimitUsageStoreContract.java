package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.money.Money;
import network.peere.core.ports.out.LimitUsageStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LimitUsageStore} does; one subclass per implementation. */
public abstract class LimitUsageStoreContract {
    private static final String AGREEMENT = "agr_1";
    private static final Instant DAY = Instant.parse("2026-11-22T23:00:00Z");
    private static final Instant MONTH = Instant.parse("2026-10-31T23:00:00Z");

    private PeereStores stores;
    private LimitUsageStore usage;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        usage = stores.limitUsage();
    }

    private static List<WindowReservation> charge(long amount, long dailyCap, long monthlyCap) {
        return List.of(
                new WindowReservation(LimitKind.DAILY, DAY, Money.of(dailyCap, "NGN"), Money.of(amount, "NGN")),
                new WindowReservation(LimitKind.MONTHLY, MONTH, Money.of(monthlyCap, "NGN"), Money.of(amount, "NGN")));
    }

    private Map<LimitKind, Money> used() {
        return usage.used(SANDBOX, AGREEMENT, charge(1, 1, 1));
    }

    @Test
    void reserves_up_to_the_cap_and_not_a_unit_more() {
        assertThat(usage.reserve(SANDBOX, AGREEMENT, charge(6_000, 10_000, 100_000)))
                .isTrue();
        assertThat(usage.reserve(SANDBOX, AGREEMENT, charge(4_000, 10_000, 100_000)))
                .isTrue();
        assertThat(usage.reserve(SANDBOX, AGREEMENT, charge(1, 10_000, 100_000)))
                .isFalse();
        assertThat(used()).containsEntry(LimitKind.DAILY, Money.of(10_000, "NGN"));
    }

    @Test
    void a_refused_reservation_takes_nothing_from_any_window() {
        usage.reserve(SANDBOX, AGREEMENT, charge(9_000, 100_000, 10_000));
        assertThat(usage.reserve(SANDBOX, AGREEMENT, charge(2_000, 100_000, 10_000)))
                .as("daily has room, monthly does not")
                .isFalse();
        assertThat(used())
                .containsEntry(LimitKind.DAILY, Money.of(9_000, "NGN"))
                .containsEntry(LimitKind.MONTHLY, Money.of(9_000, "NGN"));
    }

    @Test
    void release_gives_the_allowance_back_and_never_more_than_was_taken() {
        usage.reserve(SANDBOX, AGREEMENT, charge(10_000, 10_000, 100_000));
        stores.transactor().useTransaction(() -> usage.release(SANDBOX, AGREEMENT, charge(10_000, 10_000, 100_000)));
        assertThat(usage.reserve(SANDBOX, AGREEMENT, charge(10_000, 10_000, 100_000)))
                .isTrue();
        assertThatThrownBy(() -> stores.transactor()
                        .useTransaction(() -> usage.release(SANDBOX, AGREEMENT, charge(20_000, 30_000, 100_000))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(used()).containsEntry(LimitKind.DAILY, Money.of(10_000, "NGN"));
    }

    @Test
    void usage_is_per_agreement_and_mode() {
        usage.reserve(SANDBOX, AGREEMENT, charge(10_000, 10_000, 100_000));
        assertThat(usage.reserve(LIVE, AGREEMENT, charge(10_000, 10_000, 100_000)))
                .isTrue();
        assertThat(usage.reserve(SANDBOX, "agr_2", charge(10_000, 10_000, 100_000)))
                .isTrue();
        assertThat(usage.used(LIVE, "agr_3", charge(1, 1, 1))).isEmpty();
    }

    @Test
    void a_reservation_rolls_back_with_its_transaction() {
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    usage.reserve(SANDBOX, AGREEMENT, charge(10_000, 10_000, 100_000));
                    throw new IllegalStateException("the charge failed");
                }))
                .hasMessage("the charge failed");
        assertThat(usage.reserve(SANDBOX, AGREEMENT, charge(10_000, 10_000, 100_000)))
                .isTrue();
    }

    @Test
    void two_hundred_concurrent_charges_never_overspend_the_monthly_cap() throws Exception {
        int threads = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            var start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return stores.transactor()
                            .inTransaction(() -> usage.reserve(SANDBOX, AGREEMENT, charge(1_000, 1_000_000, 50_000)));
                }));
            }
            start.countDown();
            long accepted = 0;
            for (Future<Boolean> future : futures) {
                accepted += future.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(50);
            assertThat(used())
                    .containsEntry(LimitKind.MONTHLY, Money.of(50_000, "NGN"))
                    .containsEntry(LimitKind.DAILY, Money.of(50_000, "NGN"));
        } finally {
            pool.shutdownNow();
        }
    }
}
