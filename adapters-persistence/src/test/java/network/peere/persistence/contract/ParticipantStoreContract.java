package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static network.peere.persistence.testing.TestParticipants.bank;
import static network.peere.persistence.testing.TestParticipants.directMerchant;
import static network.peere.persistence.testing.TestParticipants.merchantOf;
import static network.peere.persistence.testing.TestParticipants.merchantWithEverything;
import static network.peere.persistence.testing.TestParticipants.operator;
import static network.peere.persistence.testing.TestParticipants.provider;
import static network.peere.persistence.testing.TestParticipants.registeredAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.ParticipantStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ParticipantStore} does; one subclass per implementation. */
public abstract class ParticipantStoreContract {
    private ParticipantStore participants;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        participants = freshStores().participants();
    }

    // Round trips

    @Test
    void finds_an_inserted_bank_with_its_time_zone() {
        var bank = bank(LIVE, "bank_1").withBankTimeZone(ZoneId.of("America/Sao_Paulo"), T0.plusSeconds(1));
        participants.insert(bank);

        assertThat(participants.find(LIVE, bank.id())).contains(bank);
    }

    @Test
    void finds_an_inserted_provider_and_operator() {
        var provider = provider(LIVE, "prv_1");
        var operator = operator(LIVE, "op_1");
        participants.insert(provider);
        participants.insert(operator);

        assertThat(participants.find(LIVE, provider.id())).contains(provider);
        assertThat(participants.find(LIVE, operator.id())).contains(operator);
    }

    @Test
    void finds_a_merchant_with_every_contact_detail_and_its_trust() {
        var merchant = merchantWithEverything(SANDBOX, "mer_1", "prv_1");
        participants.insert(merchant);

        assertThat(participants.find(SANDBOX, merchant.id())).contains(merchant);
    }

    @Test
    void finds_a_direct_merchant_with_some_contact_details() {
        var profile = new Profile.MerchantProfile(
                Optional.empty(),
                new MerchantTrust(
                        MerchantTrust.Trusted.TRUSTED, TrustLevel.ENHANCED, MerchantTrust.DeviceLookup.ENABLED),
                new ContactDetails(
                        Optional.empty(),
                        Optional.of("https://direct.example"),
                        Optional.empty(),
                        Optional.of("GH"),
                        Optional.empty(),
                        Optional.empty()));
        var merchant = Participant.register(
                new ParticipantId("mer_direct"), LIVE, "Direct", "direct@example.com", profile, T0);
        participants.insert(merchant);

        assertThat(participants.find(LIVE, merchant.id())).contains(merchant);
    }

    @Test
    void keeps_instants_to_the_microsecond() {
        var precise = Instant.parse("2026-11-02T09:30:00.123456789Z");
        participants.insert(registeredAt(bank(LIVE, "bank_1"), precise));

        var found = participants.find(LIVE, new ParticipantId("bank_1")).orElseThrow();

        assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-11-02T09:30:00.123456Z"));
        assertThat(found.updatedAt()).isEqualTo(found.createdAt());
    }

    @Test
    void find_of_an_unknown_id_is_empty() {
        assertThat(participants.find(LIVE, new ParticipantId("nobody"))).isEmpty();
    }

    @Test
    void rejects_a_duplicate_id() {
        participants.insert(bank(LIVE, "bank_1"));

        assertThatThrownBy(() -> participants.insert(provider(LIVE, "bank_1"))).isInstanceOf(RuntimeException.class);
        assertThat(participants.find(LIVE, new ParticipantId("bank_1")))
                .map(Participant::role)
                .contains(Role.BANK);
    }

    @Test
    void an_id_is_unique_across_modes() {
        participants.insert(bank(SANDBOX, "bank_1"));

        assertThatThrownBy(() -> participants.insert(bank(LIVE, "bank_1"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void ids_are_case_sensitive() {
        participants.insert(bank(LIVE, "bank_a"));
        participants.insert(provider(LIVE, "BANK_A"));

        assertThat(participants.find(LIVE, new ParticipantId("bank_a")))
                .map(Participant::role)
                .contains(Role.BANK);
        assertThat(participants.find(LIVE, new ParticipantId("BANK_A")))
                .map(Participant::role)
                .contains(Role.PROVIDER);
    }

    // Modes are separate worlds

    @Test
    void a_sandbox_participant_is_invisible_in_live() {
        participants.insert(bank(SANDBOX, "bank_1"));

        assertThat(participants.find(LIVE, new ParticipantId("bank_1"))).isEmpty();
        assertThat(participants.list(LIVE, ParticipantFilter.any(), PageRequest.first()))
                .isEqualTo(new Page<Participant>(List.of(), 0));
        assertThat(participants
                        .list(SANDBOX, ParticipantFilter.any(), PageRequest.first())
                        .total())
                .isEqualTo(1);
    }

    @Test
    void a_sandbox_participant_cannot_be_updated_through_live() {
        var sandbox = bank(SANDBOX, "bank_1");
        participants.insert(sandbox);
        var suspended = sandbox.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1));
        var sameChangeInLive = new Participant(
                suspended.id(),
                LIVE,
                suspended.name(),
                suspended.email(),
                suspended.status(),
                suspended.profile(),
                suspended.createdAt(),
                suspended.updatedAt(),
                suspended.version());

        assertThat(participants.update(sameChangeInLive)).isFalse();
        assertThat(participants.find(SANDBOX, sandbox.id())).contains(sandbox);
    }

    // Lists

    @Test
    void lists_newest_first() {
        var oldest = registeredAt(bank(LIVE, "p_3"), T0);
        var middle = registeredAt(bank(LIVE, "p_1"), T0.plusMillis(1));
        var newest = registeredAt(bank(LIVE, "p_2"), T0.plus(Duration.ofDays(1)));
        List.of(middle, oldest, newest).forEach(participants::insert);

        assertThat(participants.list(LIVE, ParticipantFilter.any(), PageRequest.first()))
                .isEqualTo(new Page<>(List.of(newest, middle, oldest), 3));
    }

    @Test
    void lists_participants_created_at_the_same_instant_by_id_descending_case_sensitively() {
        // Binary order: lower case sorts after upper case, as String.compareTo says.
        List.of("p_a", "p_B", "p_c", "p_D").forEach(id -> participants.insert(bank(LIVE, id)));

        assertThat(participants
                        .list(LIVE, ParticipantFilter.any(), PageRequest.first())
                        .items())
                .extracting(participant -> participant.id().value())
                .containsExactly("p_c", "p_a", "p_D", "p_B");
    }

    @Test
    void pages_by_offset_and_limit_and_counts_every_match() {
        for (int i = 1; i <= 5; i++) {
            participants.insert(registeredAt(bank(LIVE, "bank_" + i), T0.plusSeconds(i)));
        }

        var page = participants.list(LIVE, ParticipantFilter.any(), new PageRequest(1, 2));

        assertThat(page.items()).extracting(p -> p.id().value()).containsExactly("bank_4", "bank_3");
        assertThat(page.total()).isEqualTo(5);
    }

    @Test
    void a_page_past_the_end_is_empty_and_still_counts_every_match() {
        for (int i = 1; i <= 3; i++) {
            participants.insert(bank(LIVE, "bank_" + i));
        }

        assertThat(participants.list(LIVE, ParticipantFilter.any(), new PageRequest(3, 10)))
                .isEqualTo(new Page<Participant>(List.of(), 3));
    }

    @Test
    void filters_by_role() {
        participants.insert(bank(LIVE, "bank_1"));
        participants.insert(provider(LIVE, "prv_1"));
        participants.insert(merchantOf(LIVE, "mer_1", "prv_1"));

        var page = participants.list(LIVE, ParticipantFilter.role(Role.PROVIDER), PageRequest.first());

        assertThat(page.items()).extracting(p -> p.id().value()).containsExactly("prv_1");
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void filters_by_status() {
        var suspended = bank(LIVE, "bank_1");
        participants.insert(suspended);
        participants.insert(bank(LIVE, "bank_2"));
        participants.update(suspended.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1)));

        var page = participants.list(
                LIVE,
                new ParticipantFilter(Optional.empty(), Optional.of(ParticipantStatus.SUSPENDED), Optional.empty()),
                PageRequest.first());

        assertThat(page.items()).extracting(p -> p.id().value()).containsExactly("bank_1");
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void filters_merchants_by_provider_and_combines_filters() {
        participants.insert(merchantOf(LIVE, "mer_1", "prv_1"));
        participants.insert(merchantOf(LIVE, "mer_2", "prv_2"));
        participants.insert(merchantOf(LIVE, "mer_3", "prv_1"));
        participants.insert(directMerchant(LIVE, "mer_4"));
        participants.insert(merchantOf(SANDBOX, "mer_5", "prv_1"));

        var ofProvider = new ParticipantFilter(
                Optional.of(Role.MERCHANT),
                Optional.of(ParticipantStatus.ACTIVE),
                Optional.of(new ParticipantId("prv_1")));
        var page = participants.list(LIVE, ofProvider, PageRequest.first());

        assertThat(page.items()).extracting(p -> p.id().value()).containsExactly("mer_3", "mer_1");
        assertThat(page.total()).isEqualTo(2);
    }

    // Optimistic updates

    @Test
    void updates_when_the_stored_version_is_the_one_before() {
        var bank = bank(LIVE, "bank_1");
        participants.insert(bank);
        var suspended = bank.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(60));

        assertThat(participants.update(suspended)).isTrue();
        assertThat(participants.find(LIVE, bank.id())).contains(suspended);
        assertThat(suspended.version()).isEqualTo(2);
    }

    @Test
    void a_stale_update_changes_nothing() {
        var bank = bank(LIVE, "bank_1");
        participants.insert(bank);
        var first = bank.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1));
        var second = bank.withBankTimeZone(ZoneId.of("Europe/London"), T0.plusSeconds(2));

        assertThat(participants.update(first)).isTrue();
        assertThat(participants.update(second)).isFalse();
        assertThat(participants.find(LIVE, bank.id())).contains(first);
    }

    @Test
    void applies_successive_updates_and_keeps_the_profile() {
        var merchant = merchantWithEverything(LIVE, "mer_1", "prv_1");
        participants.insert(merchant);
        var suspended = merchant.withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1));
        var reactivated = suspended.withStatus(ParticipantStatus.ACTIVE, T0.plusSeconds(2));

        assertThat(participants.update(suspended)).isTrue();
        assertThat(participants.update(reactivated)).isTrue();
        assertThat(participants.find(LIVE, merchant.id())).contains(reactivated);
        assertThat(reactivated.version()).isEqualTo(3);
    }

    @Test
    void an_update_of_an_unknown_participant_changes_nothing() {
        var never = bank(LIVE, "bank_1").withStatus(ParticipantStatus.SUSPENDED, T0.plusSeconds(1));

        assertThat(participants.update(never)).isFalse();
        assertThat(participants.find(LIVE, never.id())).isEmpty();
    }

    @Test
    void an_update_never_changes_the_role() {
        var bank = bank(LIVE, "bank_1");
        participants.insert(bank);
        var asProvider = new Participant(
                bank.id(),
                LIVE,
                bank.name(),
                bank.email(),
                bank.status(),
                new Profile.ProviderProfile(),
                bank.createdAt(),
                T0.plusSeconds(1),
                bank.version() + 1);

        assertThat(participants.update(asProvider)).isFalse();
        assertThat(participants.find(LIVE, bank.id())).contains(bank);
    }

    // Merchant details and trust

    @Test
    void a_merchants_trust_change_keeps_when_it_was_set_to_the_microsecond() {
        var merchant = merchantWithEverything(LIVE, "mer_1", "prv_1");
        participants.insert(merchant);
        var raised = merchant.withMerchantTrust(
                MerchantTrust.of(TrustLevel.ENHANCED), Instant.parse("2026-11-03T10:00:00.654321Z"));

        assertThat(participants.update(raised)).isTrue();
        var found = participants.find(LIVE, merchant.id()).orElseThrow();
        assertThat(found).isEqualTo(raised);
        assertThat(((Profile.MerchantProfile) found.profile()).trustSetAt())
                .contains(Instant.parse("2026-11-03T10:00:00.654321Z"));
    }

    @Test
    void a_merchants_details_change_is_stored_and_its_ref_kept() {
        var merchant = merchantWithEverything(LIVE, "mer_1", "prv_1");
        participants.insert(merchant);
        var edited = merchant.withMerchantDetails(
                "Renamed Shop",
                "new@shop.example",
                ContactDetails.none(),
                new BusinessDetails(Optional.of("1 New Road"), Optional.empty(), Optional.empty()),
                T0.plusSeconds(5));

        assertThat(participants.update(edited)).isTrue();
        assertThat(participants.find(LIVE, merchant.id())).contains(edited);
    }

    @Test
    void a_ref_is_unique_per_provider_and_mode_only() {
        participants.insert(merchantOf(LIVE, "mer_1", "prv_1", "shop-42"));

        assertThatThrownBy(() -> participants.insert(merchantOf(LIVE, "mer_2", "prv_1", "shop-42")))
                .isInstanceOf(RuntimeException.class);
        participants.insert(merchantOf(LIVE, "mer_3", "prv_2", "shop-42"));
        participants.insert(merchantOf(SANDBOX, "mer_4", "prv_1", "shop-42"));
        participants.insert(merchantOf(LIVE, "mer_5", "prv_1"));
        participants.insert(merchantOf(LIVE, "mer_6", "prv_1"));

        assertThat(participants.find(LIVE, new ParticipantId("mer_2"))).isEmpty();
        assertThat(participants.find(LIVE, new ParticipantId("mer_6"))).isPresent();
    }

    @Test
    void finds_a_providers_merchant_by_ref_within_that_provider_and_mode() {
        var merchant = merchantOf(LIVE, "mer_1", "prv_1", "shop-42");
        participants.insert(merchant);
        participants.insert(merchantOf(LIVE, "mer_2", "prv_1", "Shop-42"));

        assertThat(participants.findMerchantByRef(LIVE, new ParticipantId("prv_1"), "shop-42"))
                .contains(merchant);
        assertThat(participants.findMerchantByRef(LIVE, new ParticipantId("prv_2"), "shop-42"))
                .isEmpty();
        assertThat(participants.findMerchantByRef(SANDBOX, new ParticipantId("prv_1"), "shop-42"))
                .isEmpty();
        assertThat(participants.findMerchantByRef(LIVE, new ParticipantId("prv_1"), "shop-4"))
                .isEmpty();
    }

    @Test
    void finds_a_providers_merchant_by_email_ignoring_case_within_that_provider_and_mode() {
        var older = registeredAt(merchantOf(LIVE, "mer_1", "prv_1"), T0);
        participants.insert(older);
        participants.insert(registeredAt(merchantOf(LIVE, "Mer_1", "prv_1"), T0.plusSeconds(1)));
        participants.insert(merchantOf(LIVE, "mer_x", "prv_2"));

        assertThat(participants.findMerchantByEmail(LIVE, new ParticipantId("prv_1"), "MER_1@Example.COM"))
                .as("the oldest of the two with that address")
                .contains(older);
        assertThat(participants.findMerchantByEmail(LIVE, new ParticipantId("prv_2"), "mer_1@example.com"))
                .isEmpty();
        assertThat(participants.findMerchantByEmail(SANDBOX, new ParticipantId("prv_1"), "mer_1@example.com"))
                .isEmpty();
    }

    @Test
    void lists_only_the_providers_merchants_of_the_mode_newest_first() {
        participants.insert(registeredAt(merchantOf(LIVE, "mer_1", "prv_1"), T0));
        participants.insert(registeredAt(merchantOf(LIVE, "mer_2", "prv_1"), T0.plusSeconds(2)));
        participants.insert(merchantOf(LIVE, "mer_3", "prv_2"));
        participants.insert(directMerchant(LIVE, "mer_4"));
        participants.insert(merchantOf(SANDBOX, "mer_5", "prv_1"));
        participants.insert(provider(LIVE, "prv_1"));

        var page = participants.listMerchantsOf(
                LIVE, new ParticipantId("prv_1"), MerchantFilter.any(), PageRequest.first());

        assertThat(page.items()).extracting(p -> p.id().value()).containsExactly("mer_2", "mer_1");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void filters_a_providers_merchants_by_ids_and_trust() {
        var untrustedPremium = new MerchantTrust(
                MerchantTrust.Trusted.UNTRUSTED, TrustLevel.PREMIUM, MerchantTrust.DeviceLookup.ENABLED);
        var enhancedNoDevice = new MerchantTrust(
                MerchantTrust.Trusted.TRUSTED, TrustLevel.ENHANCED, MerchantTrust.DeviceLookup.DISABLED);
        participants.insert(merchantOf(LIVE, "mer_1", "prv_1"));
        participants.insert(merchantOf(LIVE, "mer_2", "prv_1", untrustedPremium));
        participants.insert(merchantOf(LIVE, "mer_3", "prv_1", enhancedNoDevice));
        participants.insert(merchantOf(LIVE, "mer_4", "prv_2", untrustedPremium));
        var prv1 = new ParticipantId("prv_1");

        assertThat(ids(participants.listMerchantsOf(
                        LIVE,
                        prv1,
                        new MerchantFilter(
                                Set.of(
                                        new ParticipantId("mer_1"),
                                        new ParticipantId("mer_3"),
                                        new ParticipantId("mer_4")),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first())))
                .as("another provider's id in the list never widens it")
                .containsExactly("mer_3", "mer_1");
        assertThat(ids(participants.listMerchantsOf(
                        LIVE,
                        prv1,
                        new MerchantFilter(
                                Set.of(),
                                Optional.of(MerchantTrust.Trusted.UNTRUSTED),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first())))
                .containsExactly("mer_2");
        assertThat(ids(participants.listMerchantsOf(
                        LIVE,
                        prv1,
                        new MerchantFilter(
                                Set.of(),
                                Optional.of(MerchantTrust.Trusted.TRUSTED),
                                Optional.of(TrustLevel.ENHANCED),
                                Optional.of(MerchantTrust.DeviceLookup.DISABLED)),
                        PageRequest.first())))
                .containsExactly("mer_3");
        var page = participants.listMerchantsOf(
                LIVE,
                prv1,
                new MerchantFilter(
                        Set.of(), Optional.empty(), Optional.empty(), Optional.of(MerchantTrust.DeviceLookup.ENABLED)),
                new PageRequest(5, 10));
        assertThat(page).isEqualTo(new Page<Participant>(List.of(), 2));
    }

    private static List<String> ids(Page<Participant> page) {
        return page.items().stream().map(p -> p.id().value()).toList();
    }
}
