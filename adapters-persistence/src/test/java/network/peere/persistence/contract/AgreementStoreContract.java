package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestAgreements.agreement;
import static network.peere.persistence.testing.TestAgreements.agreementWithEverything;
import static network.peere.persistence.testing.TestAgreements.limits;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_1;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_2;
import static network.peere.persistence.testing.TestMerchantScopes.PROV_9;
import static network.peere.persistence.testing.TestMerchantScopes.merchant;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.peere.core.domain.agreement.Agreement;
import network.peere.core.domain.agreement.AgreementFilter;
import network.peere.core.domain.agreement.AgreementStatus;
import network.peere.core.domain.agreement.CustomerDecision;
import network.peere.core.domain.agreement.limits.LimitKind;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.AgreementStore;
import network.peere.core.ports.out.PeereStores;
import network.peere.persistence.testing.TestMerchantScopes;
import network.peere.persistence.testing.TestParticipants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AgreementStore} does; one subclass per implementation. */
public abstract class AgreementStoreContract {
    private static final ParticipantId MER_1 = new ParticipantId("mer_1");
    private static final ParticipantId MER_2 = new ParticipantId("mer_2");
    private static final ParticipantId BANK_1 = new ParticipantId("bank_1");
    private static final ParticipantId BANK_2 = new ParticipantId("bank_2");
    private static final CustomerId CUS_1 = new CustomerId("cus_1");
    private static final int THREADS = 16;
    private static final Duration CONCURRENT_RUN_MAX = Duration.ofSeconds(60);

    private PeereStores stores;
    private AgreementStore agreements;
    /** Its threads start only when work arrives. */
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        agreements = stores.agreements();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Agreement insert(Agreement agreement) {
        agreements.insert(agreement);
        return agreement;
    }

    private static List<String> ids(List<Agreement> list) {
        return list.stream().map(Agreement::id).toList();
    }

    @Test
    void a_fresh_intent_reads_back_with_every_field_and_its_empty_optionals() {
        var intent = insert(agreement(SANDBOX, "1").build());

        assertThat(agreements.find(SANDBOX, intent.id())).contains(intent);
        assertThat(intent.amount()).isEmpty();
        assertThat(intent.metadata()).isEmpty();
        assertThat(intent.decision()).isEmpty();
        assertThat(intent.decidedAt()).isEmpty();
        assertThat(intent.lastUsedAt()).isEmpty();
    }

    @Test
    void an_agreement_with_everything_reads_back_unchanged() {
        var full = insert(agreementWithEverything(LIVE, "1").build());
        var noLimits = insert(agreement(LIVE, "2")
                .requested(limits(Map.of()))
                .limits(limits(Map.of(LimitKind.WEEKLY, 7_000L)))
                .build());

        assertThat(agreements.find(LIVE, full.id())).contains(full);
        assertThat(agreements.find(LIVE, noLimits.id())).contains(noLimits);
        assertThat(agreements
                        .find(LIVE, noLimits.id())
                        .orElseThrow()
                        .requested()
                        .caps())
                .isEmpty();
    }

    @Test
    void instants_keep_microseconds() {
        var precise = insert(agreement(LIVE, "1")
                .createdAt(Instant.parse("2026-11-02T09:30:00.123456789Z"))
                .build());

        assertThat(agreements.find(LIVE, precise.id()).orElseThrow().createdAt())
                .isEqualTo(Instant.parse("2026-11-02T09:30:00.123456Z"));
    }

    @Test
    void finds_several_agreements_in_id_order_leaving_out_unknown_ids_and_other_modes() {
        var b = insert(agreement(LIVE, "b").build());
        var a = insert(agreement(LIVE, "a").active().build());
        insert(agreement(SANDBOX, "c").build());

        assertThat(agreements.findAll(LIVE, List.of(b.id(), "cd_unknown", a.id(), b.id(), "cd_c")))
                .containsExactly(a, b);
        assertThat(agreements.findAll(SANDBOX, List.of(a.id()))).isEmpty();
        assertThat(agreements.findAll(LIVE, List.of())).isEmpty();
    }

    @Test
    void another_mode_never_sees_an_agreement() {
        var sandbox = insert(agreement(SANDBOX, "1").blockMerchant(true).build());

        assertThat(agreements.find(LIVE, sandbox.id())).isEmpty();
        assertThat(stores.transactor().inTransaction(() -> agreements.lock(LIVE, sandbox.id())))
                .isEmpty();
        assertThat(agreements.isBlocked(LIVE, BANK_1, CUS_1, MER_1)).isFalse();
        assertThat(agreements
                        .listForMerchants(LIVE, merchant("mer_1"), AgreementFilter.none(), PageRequest.first())
                        .total())
                .isZero();
        assertThat(agreements
                        .listForCustomer(LIVE, BANK_1, CUS_1, PageRequest.first())
                        .total())
                .isZero();
        assertThat(agreements.awaitingBank(LIVE, BANK_1, T0.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void an_update_stores_the_next_version_once_and_a_stale_one_changes_nothing() {
        var intent = insert(agreement(LIVE, "1").build());
        Instant now = T0.plusSeconds(30);
        var approved = intent.decide(
                CustomerDecision.APPROVE_RECURRING,
                Optional.of(limits(Map.of(LimitKind.SINGLE, 2_000L, LimitKind.MONTHLY, 50_000L))),
                true,
                now);
        var deniedFromTheSameCopy = intent.decide(CustomerDecision.DENY, Optional.empty(), false, now);

        assertThat(agreements.update(approved)).isTrue();
        assertThat(agreements.update(deniedFromTheSameCopy)).isFalse();
        assertThat(agreements.update(approved)).as("the same version twice").isFalse();

        assertThat(agreements.find(LIVE, intent.id())).contains(approved);
    }

    @Test
    void an_update_in_another_mode_or_of_an_unknown_agreement_changes_nothing() {
        var intent = insert(agreement(LIVE, "1").build());
        var approved = intent.decide(CustomerDecision.APPROVE_ONCE, Optional.empty(), false, T0.plusSeconds(1));
        var otherMode = agreement(SANDBOX, "1").build().expire(T0.plusSeconds(1));
        var unknown = agreement(LIVE, "2").build().expire(T0.plusSeconds(1));

        assertThat(agreements.update(otherMode)).isFalse();
        assertThat(agreements.update(unknown)).isFalse();
        assertThat(agreements.find(LIVE, intent.id())).contains(intent);
        assertThat(agreements.update(approved)).isTrue();
    }

    @Test
    void the_last_use_stamped_by_a_bill_is_stored() {
        var active = insert(agreement(LIVE, "1").active().build());
        var used = active.billedAt(T0.plusSeconds(60));

        assertThat(agreements.update(used)).isTrue();

        assertThat(agreements.find(LIVE, active.id())).contains(used);
        assertThat(used.lastUsedAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void a_bill_reads_its_agreement_with_the_customers_block_and_the_active_banks_zone() {
        stores.participants().insert(TestParticipants.bank(LIVE, "bank_1"));
        var billed = insert(agreement(LIVE, "1").active().build());
        insert(agreement(LIVE, "2").merchant("mer_2").blockMerchant(true).build());
        insert(agreement(SANDBOX, "3").agreementPhrase("agp_1").build());

        var read = stores.transactor().inTransaction(() -> agreements.lockForBilling(LIVE, billed.agreementPhrase()));
        assertThat(read)
                .contains(new AgreementStore.ForBilling(billed, false, Optional.of(ZoneId.of("Africa/Lagos")), 0));
        assertThat(stores.transactor().inTransaction(() -> agreements.lockForBilling(LIVE, "agp_unknown")))
                .isEmpty();

        // Blocks by another customer, at another bank or in another mode do not count either.
        insert(agreement(LIVE, "6").customer("cus_2").blockMerchant(true).build());
        insert(agreement(LIVE, "7").bank("bank_2").blockMerchant(true).build());
        insert(agreement(SANDBOX, "8").blockMerchant(true).build());
        assertThat(stores.transactor()
                        .inTransaction(() -> agreements.lockForBilling(LIVE, billed.agreementPhrase()))
                        .orElseThrow()
                        .merchantBlocked())
                .isFalse();
        // A block on another agreement of the customer with the same merchant counts; another merchant's did not.
        insert(agreement(LIVE, "4").blockMerchant(true).build());
        assertThat(stores.transactor()
                        .inTransaction(() -> agreements.lockForBilling(LIVE, billed.agreementPhrase()))
                        .orElseThrow()
                        .merchantBlocked())
                .isTrue();

        // A suspended bank, or none, has no zone to bill in.
        var bank = stores.participants().find(LIVE, BANK_1).orElseThrow();
        assertThat(stores.participants()
                        .update(bank.withStatus(network.peere.core.domain.participant.ParticipantStatus.SUSPENDED, T0)))
                .isTrue();
        assertThat(stores.transactor()
                        .inTransaction(() -> agreements.lockForBilling(LIVE, billed.agreementPhrase()))
                        .orElseThrow()
                        .activeBankZone())
                .isEmpty();
        var elsewhere = insert(
                agreement(LIVE, "5").bank("bank_9").agreementPhrase("agp_5").build());
        assertThat(stores.transactor()
                        .inTransaction(() -> agreements.lockForBilling(LIVE, elsewhere.agreementPhrase()))
                        .orElseThrow()
                        .activeBankZone())
                .isEmpty();
        // Nor does an active participant that is not a bank, or a bank of the other mode.
        stores.participants().insert(TestParticipants.provider(LIVE, "prv_1"));
        stores.participants().insert(TestParticipants.bank(SANDBOX, "bank_8"));
        for (String notABank : List.of("prv_1", "bank_8")) {
            var named = insert(agreement(LIVE, "n" + notABank).bank(notABank).build());
            assertThat(stores.transactor()
                            .inTransaction(() -> agreements.lockForBilling(LIVE, named.agreementPhrase()))
                            .orElseThrow()
                            .activeBankZone())
                    .as(notABank)
                    .isEmpty();
        }
    }

    @Test
    void a_bill_reads_its_merchants_version_as_last_committed() {
        var merchant = TestParticipants.directMerchant(LIVE, MER_1.value());
        stores.participants().insert(merchant);
        var billed = insert(agreement(LIVE, "1").active().build());

        assertThat(merchantVersionBilling(billed)).isEqualTo(merchant.version());
        var suspended = merchant.withStatus(network.peere.core.domain.participant.ParticipantStatus.SUSPENDED, T0);
        assertThat(stores.participants().update(suspended)).isTrue();
        assertThat(merchantVersionBilling(billed))
                .isEqualTo(suspended.version())
                .isGreaterThan(merchant.version());
        // Another merchant's changes are not this agreement's merchant's.
        var other = TestParticipants.directMerchant(LIVE, "mer_2");
        stores.participants().insert(other);
        assertThat(stores.participants()
                        .update(other.withStatus(
                                network.peere.core.domain.participant.ParticipantStatus.SUSPENDED, T0)))
                .isTrue();
        assertThat(merchantVersionBilling(billed)).isEqualTo(suspended.version());
        // An agreement whose merchant is not stored reads 0, which no participant's version is.
        var orphan = insert(
                agreement(LIVE, "2").merchant("mer_9").agreementPhrase("agp_9").build());
        assertThat(merchantVersionBilling(orphan)).isZero();
    }

    private long merchantVersionBilling(network.peere.core.domain.agreement.Agreement agreement) {
        return stores.transactor()
                .inTransaction(() -> agreements.lockForBilling(agreement.mode(), agreement.agreementPhrase()))
                .orElseThrow()
                .merchantVersion();
    }

    @Test
    void locks_by_phrase_within_the_mode() {
        var agreement = insert(agreement(LIVE, "1").build());
        insert(agreement(SANDBOX, "2").agreementPhrase("agp_other").build());

        stores.transactor().useTransaction(() -> {
            assertThat(agreements.lock(LIVE, agreement.id())).contains(agreement);
            assertThat(agreements.lockByPhrase(LIVE, agreement.agreementPhrase()))
                    .contains(agreement);
            assertThat(agreements.lockByPhrase(SANDBOX, agreement.agreementPhrase()))
                    .isEmpty();
            assertThat(agreements.lockByPhrase(LIVE, "agp_other")).isEmpty();
            assertThat(agreements.lockByPhrase(LIVE, "agp_unknown")).isEmpty();
        });
    }

    @Test
    void locks_by_intent_reference_within_the_bank_and_mode() {
        var atBank1 = insert(agreement(LIVE, "1").intentReference("intent_same").build());
        var atBank2 = insert(agreement(LIVE, "2")
                .bank("bank_2")
                .intentReference("intent_same")
                .build());
        var inSandbox =
                insert(agreement(SANDBOX, "3").intentReference("intent_same").build());

        stores.transactor().useTransaction(() -> {
            assertThat(agreements.lockByIntentReference(LIVE, BANK_1, "intent_same"))
                    .contains(atBank1);
            assertThat(agreements.lockByIntentReference(LIVE, BANK_2, "intent_same"))
                    .contains(atBank2);
            assertThat(agreements.lockByIntentReference(SANDBOX, BANK_1, "intent_same"))
                    .contains(inSandbox);
            assertThat(agreements.lockByIntentReference(SANDBOX, BANK_2, "intent_same"))
                    .isEmpty();
            assertThat(agreements.lockByIntentReference(LIVE, BANK_1, "intent_unknown"))
                    .isEmpty();
        });
    }

    @Test
    void a_phrase_is_unique_per_mode_and_a_reference_per_bank() {
        insert(agreement(LIVE, "1").build());
        insert(agreement(SANDBOX, "2").agreementPhrase("agp_1").build());

        assertThatThrownBy(() -> agreements.insert(
                        agreement(LIVE, "3").agreementPhrase("agp_1").build()))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> agreements.insert(
                        agreement(LIVE, "4").intentReference("intent_1").build()))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> agreements.insert(agreement(LIVE, "1")
                        .agreementPhrase("agp_x")
                        .intentReference("intent_x")
                        .build()))
                .as("the same id")
                .isInstanceOf(RuntimeException.class);
        assertThat(agreements.find(LIVE, "cd_3")).isEmpty();
        assertThat(agreements.find(LIVE, "cd_4")).isEmpty();
    }

    @Test
    void a_customer_blocks_a_merchant_through_any_of_its_agreements() {
        insert(agreement(LIVE, "1").build());
        insert(agreement(LIVE, "2").active().blockMerchant(true).build());
        insert(agreement(LIVE, "3")
                .merchant("mer_3")
                .customer("cus_3")
                .blockMerchant(true)
                .build());

        assertThat(agreements.isBlocked(LIVE, BANK_1, CUS_1, MER_1)).isTrue();
        assertThat(agreements.isBlocked(LIVE, BANK_1, CUS_1, MER_2)).isFalse();
        assertThat(agreements.isBlocked(LIVE, BANK_2, CUS_1, MER_1)).isFalse();
        assertThat(agreements.isBlocked(LIVE, BANK_1, new CustomerId("cus_2"), MER_1))
                .isFalse();
        assertThat(agreements.isBlocked(LIVE, BANK_1, CUS_1, new ParticipantId("mer_3")))
                .as("the block is cus_3's")
                .isFalse();
        assertThat(agreements.isBlocked(SANDBOX, BANK_1, CUS_1, MER_1)).isFalse();
    }

    @Test
    void lists_a_providers_agreements_newest_first_then_by_id_in_pages_with_the_total() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(agreement(LIVE, "a").createdAt(T0).build());
        insert(agreement(LIVE, "b")
                .merchant("mer_2")
                .createdAt(T0.plusSeconds(2))
                .build());
        insert(agreement(LIVE, "c").createdAt(T0.plusSeconds(1)).build());
        insert(agreement(LIVE, "d").createdAt(T0.plusSeconds(1)).build());
        insert(agreement(LIVE, "e")
                .merchant("mer_3")
                .createdAt(T0.plusSeconds(9))
                .build());
        insert(agreement(SANDBOX, "f").createdAt(T0.plusSeconds(9)).build());

        var all = agreements.listForMerchants(LIVE, PROV_1, AgreementFilter.none(), new PageRequest(0, 10));
        var second = agreements.listForMerchants(LIVE, PROV_1, AgreementFilter.none(), new PageRequest(1, 2));
        var pastTheEnd = agreements.listForMerchants(LIVE, PROV_1, AgreementFilter.none(), new PageRequest(10, 2));
        var oneMerchant =
                agreements.listForMerchants(LIVE, merchant("mer_2"), AgreementFilter.none(), new PageRequest(0, 10));

        assertThat(ids(all.items())).containsExactly("cd_b", "cd_d", "cd_c", "cd_a");
        assertThat(all.total()).isEqualTo(4);
        assertThat(ids(second.items())).containsExactly("cd_d", "cd_c");
        assertThat(second.total()).isEqualTo(4);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(4);
        assertThat(ids(oneMerchant.items())).containsExactly("cd_b");
        assertThat(oneMerchant.total()).isEqualTo(1);
    }

    @Test
    void a_providers_list_holds_the_agreements_of_its_merchants_in_the_mode_as_they_are_now() {
        TestMerchantScopes.register(stores.participants(), LIVE);
        insert(agreement(LIVE, "1").merchant("mer_1").createdAt(T0).build());
        insert(agreement(LIVE, "2")
                .merchant("mer_2")
                .createdAt(T0.plusSeconds(1))
                .build());
        insert(agreement(LIVE, "other_provider").merchant("mer_3").build());
        insert(agreement(LIVE, "direct").merchant("mer_4").build());
        insert(agreement(LIVE, "of_a_sandbox_merchant").merchant("mer_5").build());
        insert(agreement(LIVE, "of_the_provider_itself").merchant("prov_1").build());
        insert(agreement(SANDBOX, "other_mode").merchant("mer_5").build());

        assertThat(ids(listed(LIVE, PROV_1))).containsExactly("cd_2", "cd_1");
        assertThat(ids(listed(LIVE, PROV_2))).containsExactly("cd_other_provider");
        assertThat(ids(listed(SANDBOX, PROV_1))).containsExactly("cd_other_mode");
        assertThat(listed(LIVE, PROV_9)).isEmpty();

        TestMerchantScopes.moveTo(stores.participants(), LIVE, "mer_2", "prov_2");

        assertThat(ids(listed(LIVE, PROV_1))).containsExactly("cd_1");
        assertThat(ids(listed(LIVE, PROV_2))).containsExactly("cd_2", "cd_other_provider");
    }

    private List<Agreement> listed(Mode mode, MerchantScope scope) {
        var page = agreements.listForMerchants(mode, scope, AgreementFilter.none(), new PageRequest(0, 10));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items();
    }

    @Test
    void filters_the_merchants_list_by_phrase_customer_and_lookup_phrase() {
        insert(agreement(LIVE, "1").build());
        insert(agreement(LIVE, "2").customer("cus_2").lookupPhrase("lkp_shared").build());
        insert(agreement(LIVE, "3").customer("cus_2").lookupPhrase("lkp_shared").build());

        assertThat(ids(list(new AgreementFilter(Optional.of("agp_2"), Optional.empty(), Optional.empty()))))
                .containsExactly("cd_2");
        assertThat(ids(list(
                        new AgreementFilter(Optional.empty(), Optional.of(new CustomerId("cus_2")), Optional.empty()))))
                .containsExactly("cd_3", "cd_2");
        assertThat(ids(list(new AgreementFilter(Optional.empty(), Optional.empty(), Optional.of("lkp_shared")))))
                .containsExactly("cd_3", "cd_2");
        assertThat(ids(list(new AgreementFilter(
                        Optional.of("agp_1"), Optional.of(new CustomerId("cus_2")), Optional.empty()))))
                .isEmpty();
    }

    private List<Agreement> list(AgreementFilter filter) {
        return agreements
                .listForMerchants(LIVE, merchant("mer_1"), filter, new PageRequest(0, 10))
                .items();
    }

    @Test
    void lists_one_customers_agreements_at_its_bank() {
        insert(agreement(LIVE, "1").createdAt(T0).build());
        insert(agreement(LIVE, "2")
                .merchant("mer_2")
                .createdAt(T0.plusSeconds(1))
                .build());
        insert(agreement(LIVE, "3").customer("cus_2").build());
        insert(agreement(LIVE, "4").bank("bank_2").build());

        var page = agreements.listForCustomer(LIVE, BANK_1, CUS_1, new PageRequest(0, 1));

        assertThat(ids(page.items())).containsExactly("cd_2");
        assertThat(page.total()).isEqualTo(2);
        assertThat(ids(agreements
                        .listForCustomer(LIVE, BANK_1, CUS_1, new PageRequest(1, 1))
                        .items()))
                .containsExactly("cd_1");
    }

    @Test
    void unanswered_intents_past_their_due_date_in_any_mode_are_due_for_expiry_earliest_first() {
        Instant now = T0.plus(Duration.ofHours(5));
        insert(agreement(LIVE, "late").dueDate(now.minusSeconds(10)).build());
        insert(agreement(SANDBOX, "later").dueDate(now.minusSeconds(20)).build());
        insert(agreement(LIVE, "exactly").dueDate(now).build());
        insert(agreement(LIVE, "early").dueDate(now.minusSeconds(30)).build());
        insert(agreement(LIVE, "not_yet").dueDate(now.plusMillis(1)).build());
        insert(agreement(LIVE, "answered")
                .active()
                .dueDate(now.minusSeconds(40))
                .build());

        assertThat(ids(agreements.dueForExpiry(now, 10)))
                .containsExactly("cd_early", "cd_later", "cd_late", "cd_exactly");
        assertThat(ids(agreements.dueForExpiry(now, 2))).containsExactly("cd_early", "cd_later");
    }

    @Test
    void live_agreements_past_their_expiry_in_any_mode_come_earliest_expiry_first() {
        Instant now = T0.plus(Duration.ofHours(5));
        insert(agreement(LIVE, "late").active().expiresAt(now.minusSeconds(10)).build());
        insert(agreement(SANDBOX, "later")
                .active()
                .expiresAt(now.minusSeconds(20))
                .build());
        insert(agreement(LIVE, "exactly").active().expiresAt(now).build());
        insert(agreement(LIVE, "paused")
                .active()
                .status(AgreementStatus.PAUSED)
                .expiresAt(now.minusSeconds(30))
                .build());
        insert(agreement(LIVE, "not_yet").active().expiresAt(now.plusMillis(1)).build());
        insert(agreement(LIVE, "endless").active().build());
        insert(agreement(LIVE, "pending").expiresAt(now.minusSeconds(40)).build());
        var revoked = insert(agreement(LIVE, "revoked")
                .active()
                .expiresAt(now.minusSeconds(50))
                .build());
        assertThat(agreements.update(revoked.revoke(T0.plusSeconds(1)))).isTrue();

        assertThat(ids(agreements.pastExpiry(now, 10)))
                .containsExactly("cd_paused", "cd_later", "cd_late", "cd_exactly");
        assertThat(ids(agreements.pastExpiry(now, 2))).containsExactly("cd_paused", "cd_later");

        var expired = agreements.find(LIVE, "cd_late").orElseThrow().expire(now);
        assertThat(agreements.update(expired)).isTrue();
        assertThat(agreements.find(LIVE, "cd_late")).contains(expired);
        assertThat(ids(agreements.pastExpiry(now, 10))).containsExactly("cd_paused", "cd_later", "cd_exactly");
    }

    @Test
    void a_decision_sets_changes_and_clears_the_expiry() {
        var intent = insert(agreement(LIVE, "1").build());
        Instant end = T0.plus(Duration.ofDays(30)).plusNanos(123_456_000);
        var approved = intent.decide(
                CustomerDecision.APPROVE_RECURRING, Optional.empty(), false, Optional.of(end), T0.plusSeconds(1));
        assertThat(agreements.update(approved)).isTrue();
        assertThat(agreements.find(LIVE, intent.id()).orElseThrow().expiresAt()).contains(end);

        var endless = approved.decide(
                CustomerDecision.APPROVE_RECURRING, Optional.empty(), false, Optional.empty(), T0.plusSeconds(2));
        assertThat(agreements.update(endless)).isTrue();
        assertThat(agreements.find(LIVE, intent.id()).orElseThrow().expiresAt()).isEmpty();
    }

    @Test
    void a_banks_unanswered_intents_sent_before_a_time_await_it_oldest_first() {
        Instant cutoff = T0.plusSeconds(100);
        insert(agreement(SANDBOX, "2").createdAt(T0.plusSeconds(20)).build());
        insert(agreement(SANDBOX, "1").createdAt(T0.plusSeconds(10)).build());
        insert(agreement(SANDBOX, "3").createdAt(T0.plusSeconds(30)).build());
        insert(agreement(SANDBOX, "at_cutoff").createdAt(cutoff).build());
        insert(agreement(SANDBOX, "other_bank").bank("bank_2").createdAt(T0).build());
        insert(agreement(SANDBOX, "answered").active().createdAt(T0).build());
        insert(agreement(LIVE, "live").createdAt(T0).build());

        assertThat(ids(agreements.awaitingBank(SANDBOX, BANK_1, cutoff, 10))).containsExactly("cd_1", "cd_2", "cd_3");
        assertThat(ids(agreements.awaitingBank(SANDBOX, BANK_1, cutoff, 2))).containsExactly("cd_1", "cd_2");
    }

    @Test
    void a_rolled_back_transaction_leaves_no_agreement_and_no_change() {
        var kept = insert(agreement(LIVE, "1").build());

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    agreements.insert(agreement(LIVE, "2").build());
                    agreements.update(kept.expire(T0.plusSeconds(5)));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(agreements.find(LIVE, "cd_2")).isEmpty();
        assertThat(agreements.find(LIVE, kept.id())).contains(kept);
        assertThat(stores.transactor().inTransaction(() -> agreements.lockByPhrase(LIVE, "agp_2")))
                .isEmpty();
    }

    @Test
    void the_lock_serialises_concurrent_changes_so_none_is_lost() throws Exception {
        var active = insert(agreement(LIVE, "1").active().build());
        var start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            results.add(threads.submit(() -> {
                start.await();
                return stores.transactor().inTransaction(() -> {
                    var current = agreements.lock(LIVE, active.id()).orElseThrow();
                    var changed = current.decide(
                            CustomerDecision.APPROVE_RECURRING,
                            Optional.empty(),
                            n % 2 == 0,
                            current.updatedAt().plusMillis(1));
                    return agreements.update(changed);
                });
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            assertThat(result.get(CONCURRENT_RUN_MAX.toSeconds(), TimeUnit.SECONDS))
                    .as("every update read the latest version under the lock")
                    .isTrue();
        }

        var stored = agreements.find(LIVE, active.id()).orElseThrow();
        assertThat(stored.version()).isEqualTo(active.version() + THREADS);
        assertThat(stored.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(stored.updatedAt()).isEqualTo(active.updatedAt().plusMillis(THREADS));
    }
}
