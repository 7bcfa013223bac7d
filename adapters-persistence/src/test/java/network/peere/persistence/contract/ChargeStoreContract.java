package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestCharges.LAGOS;
import static network.peere.persistence.testing.TestCharges.charge;
import static network.peere.persistence.testing.TestCharges.chargeWithEverything;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_1;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_2;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_9;
import static network.peere.persistence.testing.TestMerchantScopes.merchant;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.agreement.limits.WindowReservation;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.billing.ChargeFilter;
import network.peere.core.domain.billing.ChargeStatus;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.money.MajorAmountBound;
import network.peere.core.domain.money.Money;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.ChargeStore;
import network.peere.core.ports.out.MoneyTotal;
import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.testing.TestAgreements;
import network.peere.persistence.testing.TestMerchantScopes;
import network.peere.persistence.testing.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ChargeStore} does; one subclass per implementation. */
public abstract class ChargeStoreContract {
    private static final ParticipantId MER_1 = new ParticipantId("mer_1");
    private static final ParticipantId MER_2 = new ParticipantId("mer_2");
    private static final ParticipantId BANK_1 = new ParticipantId("bank_1");
    private static final Currency NGN = Currency.getInstance("NGN");
    private static final Currency USD = Currency.getInstance("USD");

    private PeereStores stores;
    private ChargeStore charges;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        charges = stores.charges();
    }

    private Charge insert(Charge charge) {
        charges.insert(charge);
        return charge;
    }

    private static List<String> ids(List<Charge> list) {
        return list.stream().map(Charge::id).toList();
    }

    @Test
    void a_pending_charge_reads_back_with_every_field_and_its_empty_optionals() {
        var pending = insert(charge(SANDBOX, "1").build());

        assertThat(charges.find(SANDBOX, pending.id())).contains(pending);
        assertThat(pending.reservations()).isEmpty();
        assertThat(pending.processedAt()).isEmpty();
    }

    @Test
    void an_answered_charge_reads_back_with_its_metadata_and_every_reservation() {
        var full = insert(chargeWithEverything(LIVE, "1").build());

        var read = charges.find(LIVE, full.id()).orElseThrow();

        assertThat(read).isEqualTo(full);
        assertThat(read.reservations())
                .extracting(WindowReservation::kind)
                .containsExactly(LimitKind.DAILY, LimitKind.WEEKLY, LimitKind.MONTHLY);
    }

    @Test
    void a_charge_reserving_some_windows_gets_exactly_those_back() {
        Money amount = Money.of(700, "NGN");
        var limits = TestAgreements.limits(Map.of(LimitKind.SINGLE, 1_000L, LimitKind.MONTHLY, 5_000L));
        var monthlyOnly = insert(charge(LIVE, "1")
                .amount(amount)
                .reservations(WindowReservation.forCharge(limits, amount, T0, LAGOS))
                .build());
        var dailyAndWeekly = insert(charge(LIVE, "2")
                .amount(amount)
                .reservations(List.of(
                        new WindowReservation(
                                LimitKind.DAILY, Instant.parse("2026-11-01T23:00:00Z"), Money.of(900, "NGN"), amount),
                        new WindowReservation(
                                LimitKind.WEEKLY,
                                Instant.parse("2026-11-01T23:00:00.000001Z"),
                                Money.of(3_000, "NGN"),
                                amount)))
                .build());

        assertThat(charges.find(LIVE, monthlyOnly.id())).contains(monthlyOnly);
        assertThat(monthlyOnly.reservations()).hasSize(1);
        assertThat(charges.find(LIVE, dailyAndWeekly.id())).contains(dailyAndWeekly);
    }

    @Test
    void reservations_that_the_columns_could_not_give_back_in_order_are_refused() {
        Money amount = Money.of(700, "NGN");
        var outOfOrder = charge(LIVE, "1")
                .amount(amount)
                .reservations(List.of(
                        new WindowReservation(LimitKind.MONTHLY, T0, Money.of(5_000, "NGN"), amount),
                        new WindowReservation(LimitKind.DAILY, T0, Money.of(900, "NGN"), amount)))
                .build();

        assertThatThrownBy(() -> charges.insert(outOfOrder)).isInstanceOf(IllegalArgumentException.class);
        assertThat(charges.find(LIVE, outOfOrder.id())).isEmpty();
    }

    @Test
    void another_mode_never_sees_a_charge() {
        var sandbox = insert(charge(SANDBOX, "1").build());

        assertThat(charges.find(LIVE, sandbox.id())).isEmpty();
        assertThat(charges.countHolding(LIVE, sandbox.agreementId())).isZero();
        assertThat(charges.list(LIVE, forMerchants(merchant("mer_1")), PageRequest.first())
                        .total())
                .isZero();
        assertThat(charges.awaitingBank(LIVE, BANK_1, T0.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void several_locked_answers_commit_together_and_one_stale_copy_among_them_fails_them_all() {
        var first = insert(charge(LIVE, "1").build());
        var second = insert(charge(LIVE, "2").build());
        Instant now = T0.plusSeconds(10);
        var confirmed =
                first.answer(CustomerDecision.APPROVE_RECURRING, Optional.empty(), Optional.of("bank-txn-1"), now);
        var declined = second.answer(CustomerDecision.DENY, Optional.of("insufficient funds"), Optional.empty(), now);

        stores.transactor().useTransaction(() -> {
            charges.lockAll(LIVE, List.of(first.id(), second.id()));
            charges.updateLocked(confirmed);
            charges.updateLocked(declined);
        });
        assertThat(charges.find(LIVE, first.id())).contains(confirmed);
        assertThat(charges.find(LIVE, second.id())).contains(declined);

        // Many at once (a driver may send those differently), one stale copy in the middle: none of them is stored.
        List<Charge> fresh = new ArrayList<>();
        for (int i = 3; i < 9; i++) {
            fresh.add(insert(charge(LIVE, String.valueOf(i)).build()).expire(now));
        }
        List<Charge> withStale = new ArrayList<>(fresh);
        withStale.add(3, first.expire(now));
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> withStale.forEach(charges::updateLocked)))
                .as("the first was answered already: its copy is stale")
                .isInstanceOf(IllegalStateException.class);
        assertThat(charges.find(LIVE, first.id())).contains(confirmed);
        for (Charge untouched : fresh) {
            assertThat(charges.find(LIVE, untouched.id()).orElseThrow().status())
                    .isEqualTo(ChargeStatus.PENDING_BANK);
        }
    }

    @Test
    void of_two_answers_from_the_same_copy_exactly_one_is_stored() {
        var pending = insert(charge(LIVE, "1").build());
        Instant now = T0.plusSeconds(10);
        var confirmed =
                pending.answer(CustomerDecision.APPROVE_RECURRING, Optional.empty(), Optional.of("bank-txn-1"), now);
        var declined = pending.answer(CustomerDecision.DENY, Optional.of("insufficient funds"), Optional.empty(), now);
        var expired = pending.expire(now);

        assertThat(charges.update(confirmed)).isTrue();
        assertThat(charges.update(declined)).isFalse();
        assertThat(charges.update(expired)).isFalse();

        assertThat(charges.find(LIVE, pending.id())).contains(confirmed);
    }

    @Test
    void locks_a_charge_within_its_mode() {
        var live = insert(charge(LIVE, "1").build());

        stores.transactor().useTransaction(() -> {
            assertThat(charges.lock(LIVE, live.id())).contains(live);
            assertThat(charges.lock(SANDBOX, live.id())).isEmpty();
            assertThat(charges.lock(LIVE, "txn_unknown")).isEmpty();
        });
    }

    @Test
    void a_change_to_a_locked_charge_waits_for_the_lock_and_then_finds_it_changed() throws Exception {
        var pending = insert(charge(LIVE, "1").build());
        Instant now = T0.plusSeconds(10);
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try {
            boolean expired = stores.transactor()
                    .inTransaction(() -> {
                        Charge locked = charges.lock(LIVE, pending.id()).orElseThrow();
                        Future<Boolean> expiry = sweeper.submit(() -> charges.update(pending.expire(now)));
                        assertThat(Waits.endsBriefly(expiry))
                                .as("the expiry waits for the lock")
                                .isFalse();
                        assertThat(charges.update(locked.answer(
                                        CustomerDecision.APPROVE_ONCE, Optional.empty(), Optional.empty(), now)))
                                .isTrue();
                        return expiry;
                    })
                    .get(60, TimeUnit.SECONDS);

            assertThat(expired).as("the expiry finds the charge answered").isFalse();
            assertThat(charges.find(LIVE, pending.id()).orElseThrow().status()).isEqualTo(ChargeStatus.CONFIRMED);
        } finally {
            sweeper.shutdownNow();
        }
    }

    @Test
    void locks_several_charges_in_id_order_leaving_out_unknown_ids_and_other_modes() {
        var b = insert(charge(LIVE, "b").build());
        var a = insert(charge(LIVE, "a").build());
        var c = insert(charge(LIVE, "c").build());
        insert(charge(SANDBOX, "d").build());

        stores.transactor().useTransaction(() -> {
            assertThat(charges.lockAll(LIVE, List.of(c.id(), "txn_unknown", a.id(), b.id(), a.id(), "txn_d")))
                    .containsExactly(a, b, c);
            assertThat(charges.lockAll(SANDBOX, List.of(a.id()))).isEmpty();
            assertThat(charges.lockAll(LIVE, List.of())).isEmpty();
        });
    }

    @Test
    void a_change_to_a_charge_locked_with_others_waits_for_the_lock() throws Exception {
        var first = insert(charge(LIVE, "1").build());
        var second = insert(charge(LIVE, "2").build());
        Instant now = T0.plusSeconds(10);
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try {
            boolean expired = stores.transactor()
                    .inTransaction(() -> {
                        List<Charge> locked = charges.lockAll(LIVE, List.of(first.id(), second.id()));
                        assertThat(locked).hasSize(2);
                        Future<Boolean> expiry = sweeper.submit(() -> charges.update(second.expire(now)));
                        assertThat(Waits.endsBriefly(expiry))
                                .as("the expiry waits for the lock")
                                .isFalse();
                        assertThat(charges.update(locked.get(1)
                                        .answer(
                                                CustomerDecision.APPROVE_ONCE,
                                                Optional.empty(),
                                                Optional.empty(),
                                                now)))
                                .isTrue();
                        return expiry;
                    })
                    .get(60, TimeUnit.SECONDS);

            assertThat(expired).as("the expiry finds the charge answered").isFalse();
            assertThat(charges.find(LIVE, second.id()).orElseThrow().status()).isEqualTo(ChargeStatus.CONFIRMED);
        } finally {
            sweeper.shutdownNow();
        }
    }

    @Test
    void an_update_of_a_locked_charge_commits_with_its_transaction_and_fails_it_when_the_charge_moved_on() {
        var pending = insert(charge(LIVE, "1").build());
        Charge expired = pending.expire(T0.plusSeconds(1));

        stores.transactor().useTransaction(() -> {
            Charge locked = charges.lock(LIVE, pending.id()).orElseThrow();
            charges.updateLocked(locked.expire(T0.plusSeconds(1)));
            // Written (or held back and sent) before the transaction's next statement, which sees it.
            assertThat(charges.find(LIVE, pending.id())).contains(expired);
        });
        assertThat(charges.find(LIVE, pending.id())).contains(expired);

        // At a version the row no longer has, the transaction fails as a whole: nothing of it commits.
        var other = insert(charge(LIVE, "2").build());
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    charges.updateLocked(other.expire(T0.plusSeconds(1)));
                    charges.updateLocked(pending.expire(T0.plusSeconds(2)));
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(charges.find(LIVE, other.id())).contains(other);
        assertThat(charges.find(LIVE, pending.id())).contains(expired);
    }

    @Test
    void an_update_in_another_mode_or_of_an_unknown_charge_changes_nothing() {
        var pending = insert(charge(LIVE, "1").build());

        assertThat(charges.update(charge(SANDBOX, "1").build().expire(T0.plusSeconds(1))))
                .isFalse();
        assertThat(charges.update(charge(LIVE, "2").build().expire(T0.plusSeconds(1))))
                .isFalse();
        assertThat(charges.find(LIVE, pending.id())).contains(pending);
        assertThat(charges.find(LIVE, "txn_2")).isEmpty();
    }

    @Test
    void only_pending_and_confirmed_charges_of_the_agreement_hold_their_reservation() {
        insert(charge(LIVE, "pending").build());
        insert(charge(LIVE, "confirmed").status(ChargeStatus.CONFIRMED).build());
        insert(charge(LIVE, "failed").status(ChargeStatus.FAILED).build());
        insert(charge(LIVE, "expired").status(ChargeStatus.EXPIRED).build());
        insert(charge(LIVE, "other_agreement").agreement("cd_2").build());
        insert(charge(SANDBOX, "other_mode").build());

        assertThat(charges.countHolding(LIVE, "cd_1")).isEqualTo(2);
        assertThat(charges.countHolding(LIVE, "cd_2")).isEqualTo(1);
        assertThat(charges.countHolding(LIVE, "cd_3")).isZero();
    }

    @Test
    void a_providers_history_is_newest_first_then_by_id_in_pages_with_the_total() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(charge(LIVE, "a").createdAt(T0).build());
        insert(charge(LIVE, "b").merchant("mer_2").createdAt(T0.plusSeconds(2)).build());
        insert(charge(LIVE, "c").createdAt(T0.plusSeconds(1)).build());
        insert(charge(LIVE, "d").createdAt(T0.plusSeconds(1)).build());
        insert(charge(LIVE, "e").merchant("mer_3").createdAt(T0.plusSeconds(9)).build());
        insert(charge(SANDBOX, "f").createdAt(T0.plusSeconds(9)).build());

        var all = charges.list(LIVE, forMerchants(PROV_1), new PageRequest(0, 10));
        var second = charges.list(LIVE, forMerchants(PROV_1), new PageRequest(1, 2));
        var pastTheEnd = charges.list(LIVE, forMerchants(PROV_1), new PageRequest(10, 2));
        var oneMerchant = charges.list(LIVE, forMerchants(merchant("mer_2")), new PageRequest(0, 10));

        assertThat(ids(all.items())).containsExactly("txn_b", "txn_d", "txn_c", "txn_a");
        assertThat(all.total()).isEqualTo(4);
        assertThat(ids(second.items())).containsExactly("txn_d", "txn_c");
        assertThat(second.total()).isEqualTo(4);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(4);
        assertThat(ids(oneMerchant.items())).containsExactly("txn_b");
        assertThat(oneMerchant.total()).isEqualTo(1);
    }

    @Test
    void a_providers_history_holds_the_charges_of_its_merchants_in_the_mode_as_they_are_now() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(charge(LIVE, "1").merchant("mer_1").createdAt(T0).build());
        insert(charge(LIVE, "2").merchant("mer_2").createdAt(T0.plusSeconds(1)).build());
        insert(charge(LIVE, "other_provider").merchant("mer_3").build());
        insert(charge(LIVE, "direct").merchant("mer_4").build());
        insert(charge(LIVE, "of_a_sandbox_merchant").merchant("mer_5").build());
        insert(charge(LIVE, "of_the_provider_itself").merchant("prov_1").build());
        insert(charge(SANDBOX, "other_mode").merchant("mer_5").build());

        assertThat(ids(listed(LIVE, forMerchants(PROV_1)))).containsExactly("txn_2", "txn_1");
        assertThat(ids(listed(LIVE, forMerchants(PROV_2)))).containsExactly("txn_other_provider");
        assertThat(ids(listed(SANDBOX, forMerchants(PROV_1)))).containsExactly("txn_other_mode");
        assertThat(listed(LIVE, forMerchants(PROV_9))).isEmpty();

        TestMerchantScopes.moveTo(stores.participants(), LIVE, "mer_2", "prov_2");

        assertThat(ids(listed(LIVE, forMerchants(PROV_1)))).containsExactly("txn_1");
        assertThat(ids(listed(LIVE, forMerchants(PROV_2)))).containsExactly("txn_2", "txn_other_provider");
    }

    @Test
    void a_providers_history_takes_the_other_filters_too() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(charge(LIVE, "pending").merchant("mer_1").build());
        insert(charge(LIVE, "confirmed")
                .merchant("mer_2")
                .status(ChargeStatus.CONFIRMED)
                .createdAt(T0.plusSeconds(1))
                .build());
        insert(charge(LIVE, "other_provider")
                .merchant("mer_3")
                .status(ChargeStatus.CONFIRMED)
                .build());
        var confirmed = new ChargeFilter(
                Optional.of(PROV_1),
                Optional.empty(),
                Optional.of(T0),
                Optional.empty(),
                Set.of(ChargeStatus.CONFIRMED),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(ids(listed(LIVE, confirmed))).containsExactly("txn_confirmed");
    }

    private List<Charge> listed(Mode mode, ChargeFilter filter) {
        var page = charges.list(mode, filter, new PageRequest(0, 10));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items();
    }

    @Test
    void a_bank_history_holds_only_its_own_charges() {
        insert(charge(LIVE, "1").createdAt(T0).build());
        insert(charge(LIVE, "2").merchant("mer_2").createdAt(T0.plusSeconds(1)).build());
        insert(charge(LIVE, "3").bank("bank_2").build());

        var page = charges.list(LIVE, forBank(BANK_1), new PageRequest(0, 10));

        assertThat(ids(page.items())).containsExactly("txn_2", "txn_1");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void filters_by_creation_time_from_inclusive_to_exclusive() {
        insert(charge(LIVE, "before").createdAt(T0.minusNanos(1_000)).build());
        insert(charge(LIVE, "from").createdAt(T0).build());
        insert(charge(LIVE, "inside").createdAt(T0.plusSeconds(30)).build());
        insert(charge(LIVE, "to").createdAt(T0.plusSeconds(60)).build());

        var filter = new ChargeFilter(
                Optional.of(merchant("mer_1")),
                Optional.empty(),
                Optional.of(T0),
                Optional.of(T0.plusSeconds(60)),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(ids(charges.list(LIVE, filter, new PageRequest(0, 10)).items()))
                .containsExactly("txn_inside", "txn_from");
    }

    @Test
    void filters_by_status_customer_and_amount_bounds_inclusive() {
        insert(charge(LIVE, "pending").amountMinor(1_000).build());
        insert(charge(LIVE, "confirmed")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(2_000)
                .build());
        insert(charge(LIVE, "failed")
                .status(ChargeStatus.FAILED)
                .amountMinor(3_000)
                .build());
        insert(charge(LIVE, "expired")
                .status(ChargeStatus.EXPIRED)
                .amountMinor(4_000)
                .build());
        insert(charge(LIVE, "other_customer")
                .customer("cus_2")
                .amountMinor(2_000)
                .build());

        assertThat(filtered(Set.of(ChargeStatus.FAILED, ChargeStatus.EXPIRED), Optional.empty(), null, null))
                .containsExactlyInAnyOrder("txn_failed", "txn_expired");
        assertThat(filtered(Set.of(), Optional.empty(), null, null)).hasSize(5);
        assertThat(filtered(Set.of(), Optional.of(new CustomerId("cus_2")), null, null))
                .containsExactly("txn_other_customer");
        assertThat(filtered(Set.of(), Optional.empty(), "20", "30"))
                .containsExactlyInAnyOrder("txn_confirmed", "txn_failed", "txn_other_customer");
        assertThat(filtered(Set.of(), Optional.empty(), "30.01", null)).containsExactly("txn_expired");
        assertThat(filtered(Set.of(), Optional.empty(), null, "9.99")).isEmpty();
        assertThat(filtered(Set.of(ChargeStatus.PENDING_BANK), Optional.of(new CustomerId("cus_1")), "10", "10.00"))
                .containsExactly("txn_pending");
    }

    @Test
    void amount_bounds_are_major_units_applied_in_each_charges_own_currency() {
        insert(charge(LIVE, "naira")
                .reservations(List.of())
                .amount(Money.of(1_500, "NGN"))
                .build());
        insert(charge(LIVE, "yen")
                .reservations(List.of())
                .amount(Money.of(1_500, "JPY"))
                .build());
        insert(charge(LIVE, "dinar")
                .reservations(List.of())
                .amount(Money.of(1_500, "KWD"))
                .build());

        // ₦15.00, ¥1,500 and KD 1.500.
        assertThat(filtered(Set.of(), Optional.empty(), "15", null)).containsExactlyInAnyOrder("txn_naira", "txn_yen");
        assertThat(filtered(Set.of(), Optional.empty(), null, "1.5")).containsExactly("txn_dinar");
        assertThat(filtered(Set.of(), Optional.empty(), "1.5", "15"))
                .containsExactlyInAnyOrder("txn_naira", "txn_dinar");
        // A bound between two minor units: a lower one rounds up, an upper one down, in each currency.
        assertThat(filtered(Set.of(), Optional.empty(), "14.999", null))
                .containsExactlyInAnyOrder("txn_naira", "txn_yen");
        assertThat(filtered(Set.of(), Optional.empty(), "15.001", null)).containsExactly("txn_yen");
        assertThat(filtered(Set.of(), Optional.empty(), null, "1500.4"))
                .containsExactlyInAnyOrder("txn_naira", "txn_yen", "txn_dinar");
        assertThat(filtered(Set.of(), Optional.empty(), null, "1499.99"))
                .containsExactlyInAnyOrder("txn_naira", "txn_dinar");
        assertThat(filtered(Set.of(), Optional.empty(), "1.5001", "1.5009")).isEmpty();
    }

    private List<String> filtered(
            Set<ChargeStatus> statuses, Optional<CustomerId> customer, String minMajor, String maxMajor) {
        var filter = new ChargeFilter(
                Optional.of(merchant("mer_1")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                statuses,
                customer,
                Optional.ofNullable(minMajor).map(BigDecimal::new).map(MajorAmountBound::new),
                Optional.ofNullable(maxMajor).map(BigDecimal::new).map(MajorAmountBound::new));
        var page = charges.list(LIVE, filter, new PageRequest(0, 10));
        assertThat(page.total()).isEqualTo(page.items().size());
        return ids(page.items());
    }

    @Test
    void pending_charges_past_their_due_time_in_any_mode_are_due_for_expiry_earliest_first() {
        Instant now = T0.plus(Duration.ofHours(1));
        insert(charge(LIVE, "late").dueAt(now.minusSeconds(10)).build());
        insert(charge(SANDBOX, "later").dueAt(now.minusSeconds(20)).build());
        insert(charge(LIVE, "exactly").dueAt(now).build());
        insert(charge(LIVE, "early").dueAt(now.minusSeconds(30)).build());
        insert(charge(LIVE, "not_yet").dueAt(now.plusMillis(1)).build());
        insert(charge(LIVE, "answered")
                .status(ChargeStatus.CONFIRMED)
                .dueAt(now.minusSeconds(40))
                .build());

        assertThat(ids(charges.dueForExpiry(now, 10)))
                .containsExactly("txn_early", "txn_later", "txn_late", "txn_exactly");
        assertThat(ids(charges.dueForExpiry(now, 1))).containsExactly("txn_early");
    }

    @Test
    void a_banks_pending_charges_accepted_before_a_time_await_it_oldest_first() {
        Instant cutoff = T0.plusSeconds(100);
        insert(charge(SANDBOX, "2").createdAt(T0.plusSeconds(20)).build());
        insert(charge(SANDBOX, "1").createdAt(T0.plusSeconds(10)).build());
        insert(charge(SANDBOX, "3").createdAt(T0.plusSeconds(30)).build());
        insert(charge(SANDBOX, "at_cutoff").createdAt(cutoff).build());
        insert(charge(SANDBOX, "other_bank").bank("bank_2").createdAt(T0).build());
        insert(charge(SANDBOX, "answered")
                .status(ChargeStatus.FAILED)
                .createdAt(T0)
                .build());
        insert(charge(LIVE, "live").createdAt(T0).build());

        assertThat(ids(charges.awaitingBank(SANDBOX, BANK_1, cutoff, 10))).containsExactly("txn_1", "txn_2", "txn_3");
        assertThat(ids(charges.awaitingBank(SANDBOX, BANK_1, cutoff, 2))).containsExactly("txn_1", "txn_2");
    }

    @Test
    void charges_whose_amount_ends_in_the_skipped_cents_stay_out_of_the_banks_read_however_many() {
        Instant cutoff = T0.plusSeconds(100);
        for (int i = 0; i < 5; i++) {
            insert(charge(SANDBOX, "left_" + i)
                    .amount(Money.of(10_052 + 100L * i, "NGN"))
                    .createdAt(T0.plusSeconds(i))
                    .build());
        }
        insert(charge(SANDBOX, "behind")
                .amount(Money.of(10_051, "NGN"))
                .createdAt(T0.plusSeconds(10))
                .build());
        insert(charge(SANDBOX, "round")
                .amount(Money.of(5_200, "NGN"))
                .createdAt(T0.plusSeconds(11))
                .build());

        assertThat(ids(charges.awaitingBank(SANDBOX, BANK_1, cutoff, 52, 2)))
                .containsExactly("txn_behind", "txn_round");
        assertThat(ids(charges.awaitingBank(SANDBOX, BANK_1, cutoff, 2))).containsExactly("txn_left_0", "txn_left_1");
    }

    @Test
    void a_rolled_back_transaction_leaves_no_charge_and_no_change() {
        var kept = insert(charge(LIVE, "1").build());

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    charges.insert(charge(LIVE, "2").build());
                    charges.update(kept.expire(T0.plusSeconds(5)));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(charges.find(LIVE, "txn_2")).isEmpty();
        assertThat(charges.find(LIVE, kept.id())).contains(kept);
        assertThat(charges.countHolding(LIVE, kept.agreementId())).isEqualTo(1);
    }

    @Test
    void a_confirmed_charge_reads_back_with_its_fee_and_what_refunds_took() {
        var confirmed = insert(charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(2_000)
                .feeMinor(30)
                .refundedMinor(500)
                .build());

        assertThat(charges.find(LIVE, confirmed.id())).contains(confirmed);
    }

    @Test
    void a_confirmation_stores_its_fee() {
        var pending = insert(charge(LIVE, "1").build());
        var confirmed = pending.answer(
                CustomerDecision.APPROVE_RECURRING,
                Optional.empty(),
                Optional.of("bank-txn-1"),
                Money.of(15, "NGN"),
                T0.plusSeconds(10));

        assertThat(charges.update(confirmed)).isTrue();

        assertThat(charges.find(LIVE, pending.id()).orElseThrow().fee()).isEqualTo(Money.of(15, "NGN"));
        assertThat(charges.find(LIVE, pending.id())).contains(confirmed);
    }

    @Test
    void an_update_never_overwrites_what_refunds_took() {
        var confirmed = insert(
                charge(LIVE, "1").status(ChargeStatus.CONFIRMED).feeMinor(10).build());
        assertThat(charges.addRefunded(LIVE, confirmed.id(), 300)).isTrue();
        var staleCopy = charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .feeMinor(12)
                .version(2)
                .build();

        assertThat(charges.update(staleCopy)).isTrue();

        var read = charges.find(LIVE, confirmed.id()).orElseThrow();
        assertThat(read.refunded()).isEqualTo(Money.of(300, "NGN"));
        assertThat(read.fee()).isEqualTo(Money.of(12, "NGN"));
    }

    @Test
    void refunds_add_up_to_the_amount_and_never_past_it() {
        var confirmed = insert(charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(1_000)
                .build());

        assertThat(charges.addRefunded(LIVE, confirmed.id(), 600)).isTrue();
        assertThat(charges.addRefunded(LIVE, confirmed.id(), 401)).isFalse();
        assertThat(charges.addRefunded(LIVE, confirmed.id(), 400)).isTrue();
        assertThat(charges.addRefunded(LIVE, confirmed.id(), 1)).isFalse();

        var read = charges.find(LIVE, confirmed.id()).orElseThrow();
        assertThat(read.refunded()).isEqualTo(Money.of(1_000, "NGN"));
        assertThat(read.refundable().minor()).isZero();
        assertThat(read.version()).isEqualTo(confirmed.version());
    }

    @Test
    void only_a_confirmed_charge_in_its_own_mode_takes_refunds() {
        insert(charge(LIVE, "pending").build());
        insert(charge(LIVE, "failed").status(ChargeStatus.FAILED).build());
        insert(charge(LIVE, "expired").status(ChargeStatus.EXPIRED).build());
        insert(charge(SANDBOX, "sandbox").status(ChargeStatus.CONFIRMED).build());

        assertThat(charges.addRefunded(LIVE, "txn_pending", 1)).isFalse();
        assertThat(charges.addRefunded(LIVE, "txn_failed", 1)).isFalse();
        assertThat(charges.addRefunded(LIVE, "txn_expired", 1)).isFalse();
        assertThat(charges.addRefunded(LIVE, "txn_sandbox", 1)).isFalse();
        assertThat(charges.addRefunded(LIVE, "txn_unknown", 1)).isFalse();
        assertThat(charges.find(SANDBOX, "txn_sandbox").orElseThrow().refunded().minor())
                .isZero();
    }

    @Test
    void a_failed_refund_gives_back_what_it_took_and_no_more() {
        var confirmed = insert(charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(1_000)
                .build());
        charges.addRefunded(LIVE, confirmed.id(), 600);

        charges.subtractRefunded(LIVE, confirmed.id(), 200);

        assertThat(charges.find(LIVE, confirmed.id()).orElseThrow().refunded()).isEqualTo(Money.of(400, "NGN"));
        assertThatThrownBy(() -> charges.subtractRefunded(LIVE, confirmed.id(), 401))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> charges.subtractRefunded(SANDBOX, confirmed.id(), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(charges.find(LIVE, confirmed.id()).orElseThrow().refunded()).isEqualTo(Money.of(400, "NGN"));
    }

    @Test
    void a_rolled_back_refund_takes_nothing() {
        var confirmed = insert(charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(1_000)
                .build());
        charges.addRefunded(LIVE, confirmed.id(), 100);

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    charges.addRefunded(LIVE, confirmed.id(), 500);
                    charges.subtractRefunded(LIVE, confirmed.id(), 100);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(charges.find(LIVE, confirmed.id()).orElseThrow().refunded()).isEqualTo(Money.of(100, "NGN"));
    }

    @Test
    void fifty_concurrent_refunds_never_take_more_than_the_charge() throws Exception {
        var confirmed = insert(charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(10_000)
                .build());
        int attempts = 50;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            var start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.transactor().inTransaction(() -> charges.addRefunded(LIVE, confirmed.id(), 300));
                }));
            }
            start.countDown();
            long accepted = 0;
            for (Future<Boolean> result : results) {
                accepted += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(accepted).isEqualTo(33);
            assertThat(charges.find(LIVE, confirmed.id()).orElseThrow().refunded())
                    .isEqualTo(Money.of(9_900, "NGN"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void confirmed_charges_are_summed_per_merchant_with_their_fees_and_per_bank() {
        insert(charge(LIVE, "1")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(1_000)
                .feeMinor(15)
                .build());
        insert(charge(LIVE, "2")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(2_000)
                .feeMinor(30)
                .refundedMinor(2_000)
                .build());
        insert(charge(LIVE, "3")
                .status(ChargeStatus.CONFIRMED)
                .amount(Money.of(500, "USD"))
                .feeMinor(5)
                .build());
        insert(charge(LIVE, "4")
                .status(ChargeStatus.CONFIRMED)
                .merchant("mer_2")
                .bank("bank_2")
                .amountMinor(700)
                .build());
        insert(charge(LIVE, "pending").amountMinor(9_000).build());
        insert(charge(LIVE, "failed")
                .status(ChargeStatus.FAILED)
                .amountMinor(9_000)
                .build());
        insert(charge(LIVE, "expired")
                .status(ChargeStatus.EXPIRED)
                .amountMinor(9_000)
                .build());
        insert(charge(SANDBOX, "sandbox")
                .status(ChargeStatus.CONFIRMED)
                .amountMinor(9_000)
                .build());

        assertThat(charges.confirmedByMerchant(LIVE))
                .containsExactlyInAnyOrder(
                        new MoneyTotal("mer_1", NGN, 3_000, 45),
                        new MoneyTotal("mer_1", USD, 500, 5),
                        new MoneyTotal("mer_2", NGN, 700, 0));
        assertThat(charges.confirmedByBank(LIVE))
                .containsExactlyInAnyOrder(
                        new MoneyTotal("bank_1", NGN, 3_000, 0),
                        new MoneyTotal("bank_1", USD, 500, 0),
                        new MoneyTotal("bank_2", NGN, 700, 0));
        assertThat(charges.confirmedByMerchant(SANDBOX)).containsExactly(new MoneyTotal("mer_1", NGN, 9_000, 0));
        assertThat(charges.confirmedByBank(SANDBOX)).containsExactly(new MoneyTotal("bank_1", NGN, 9_000, 0));
    }

    private static ChargeFilter forMerchants(MerchantScope merchants) {
        return new ChargeFilter(
                Optional.of(merchants),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static ChargeFilter forBank(ParticipantId bank) {
        return new ChargeFilter(
                Optional.empty(),
                Optional.of(bank),
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
