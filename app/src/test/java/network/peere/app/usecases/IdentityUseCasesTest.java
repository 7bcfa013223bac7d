package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.app.testing.TestPhrases;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.identity.CustomerDraft;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.in.identity.UpdateCustomer;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.core.ports.out.RandomSource;
import network.peere.persistence.memory.InMemoryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The identity use cases' rejections and their precedence, through {@link Peere} on the in-memory stores. */
class IdentityUseCasesTest {
    private static final Actor TEST = Actor.system("use-case test");
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private final AtomicLong ticks = new AtomicLong();
    private Peere peere;
    private Participant bank;
    private BatchItem.Created ada;

    @BeforeEach
    void createPeere() {
        peere = Peere.create(config -> config.stores(new InMemoryStores())
                .clock(() -> START.plus(Duration.ofMillis(ticks.incrementAndGet())))
                .random(RandomSource.of(new Random()))
                .phraseSealer(TestPhrases.sealer()));
        bank = register(new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));
        ada = (BatchItem.Created)
                migrate(bank, List.of(draft("1", "ada@example.com"))).items().getFirst();
    }

    private Participant register(Profile profile) {
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(Mode.SANDBOX, "Name", "x@example.test", profile, TEST));
        return ((RegisterParticipant.Registration.Registered) outcome).participant();
    }

    private Participant merchant(
            TrustLevel level, MerchantTrust.DeviceLookup deviceLookup, Optional<ParticipantId> provider) {
        return register(new Profile.MerchantProfile(
                provider,
                new MerchantTrust(MerchantTrust.Trusted.TRUSTED, level, deviceLookup),
                ContactDetails.none()));
    }

    private static CustomerDraft draft(String n, String email) {
        return network.peere.app.testing.TestCustomers.draft(n, email);
    }

    private network.peere.core.domain.identity.CustomerBatch migrate(Participant bank, List<CustomerDraft> drafts) {
        var outcome =
                peere.migrateCustomers().migrate(new MigrateCustomers.Command(Mode.SANDBOX, bank.id(), drafts, TEST));
        return ((MigrateCustomers.Migration.Processed) outcome).batch();
    }

    private LookUpCustomer.Lookup lookUp(
            Participant caller, Optional<ParticipantId> entity, LookUpCustomer.Kind kind, String value) {
        return peere.lookUpCustomer()
                .lookUp(new LookUpCustomer.Query(Mode.SANDBOX, caller.id(), caller.role(), entity, kind, value));
    }

    private LinkDevices.Linking link(String deviceId) {
        return peere.linkDevices()
                .link(new LinkDevices.Command(
                        Mode.SANDBOX, bank.id(), ada.customerId(), ada.phrase(), new DeviceId(deviceId)));
    }

    @Test
    void a_batch_that_is_empty_too_large_or_not_a_bank_s_is_rejected_in_that_order() {
        var merchant = merchant(TrustLevel.BASIC, MerchantTrust.DeviceLookup.ENABLED, Optional.empty());
        List<CustomerDraft> tooMany = new ArrayList<>();
        for (int i = 0; i <= MigrateCustomers.BATCH_SIZE_MAX; i++) {
            tooMany.add(draft("big" + i, "big" + i + "@example.com"));
        }

        assertThat(peere.migrateCustomers()
                        .migrate(new MigrateCustomers.Command(Mode.SANDBOX, merchant.id(), List.of(), TEST)))
                .isEqualTo(new MigrateCustomers.Migration.Rejected(MigrateCustomers.Rejection.BANK_NOT_FOUND));
        assertThat(peere.migrateCustomers()
                        .migrate(new MigrateCustomers.Command(Mode.SANDBOX, bank.id(), List.of(), TEST)))
                .isEqualTo(new MigrateCustomers.Migration.Rejected(MigrateCustomers.Rejection.BATCH_EMPTY));
        assertThat(peere.migrateCustomers()
                        .migrate(new MigrateCustomers.Command(Mode.SANDBOX, bank.id(), tooMany, TEST)))
                .isEqualTo(new MigrateCustomers.Migration.Rejected(MigrateCustomers.Rejection.BATCH_TOO_LARGE));
    }

    @Test
    void a_clientRef_known_under_another_reference_is_a_duplicate_too() {
        var again = draft("2", "other@example.com");
        var values = new HashMap<>(again.values());
        values.put("clientRef", "C-1");

        var item = migrate(bank, List.of(CustomerDraft.of(values))).items().getFirst();

        assertThat(item)
                .isEqualTo(new BatchItem.Duplicate(
                        0, Optional.of("R-2"), Optional.of("C-1"), ada.customerId(), "clientRef"));
    }

    @Test
    void a_customer_has_at_most_the_device_limit() {
        for (int i = 0; i < Device.PER_CUSTOMER_MAX; i++) {
            assertThat(link("device-" + i)).isInstanceOf(LinkDevices.Linking.Done.class);
        }
        assertThat(link("device-one-too-many"))
                .isEqualTo(new LinkDevices.Linking.Rejected(LinkDevices.Rejection.TOO_MANY_DEVICES));
    }

    @Test
    void an_invalid_identity_is_refused_before_anything_about_the_caller() {
        var provider = register(new Profile.ProviderProfile());

        assertThat(lookUp(provider, Optional.empty(), LookUpCustomer.Kind.EMAIL, "not-an-email"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.INVALID_IDENTITY));
        assertThat(lookUp(provider, Optional.empty(), LookUpCustomer.Kind.EMAIL, "ada@example.com"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.MERCHANT_NOT_FOUND));
    }

    @Test
    void an_enhanced_merchant_with_device_lookup_switched_off_may_not_look_up_devices() {
        link("device-1");
        var off = merchant(TrustLevel.PREMIUM, MerchantTrust.DeviceLookup.DISABLED, Optional.empty());
        var on = merchant(TrustLevel.ENHANCED, MerchantTrust.DeviceLookup.ENABLED, Optional.empty());

        assertThat(lookUp(off, Optional.empty(), LookUpCustomer.Kind.DEVICE, "device-1"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.DEVICE_LOOKUP_NOT_ALLOWED));
        assertThat(lookUp(on, Optional.empty(), LookUpCustomer.Kind.DEVICE, "device-1"))
                .isInstanceOf(LookUpCustomer.Lookup.Found.class);
        assertThat(lookUp(on, Optional.empty(), LookUpCustomer.Kind.DEVICE, "device-unknown"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.CUSTOMER_NOT_FOUND));
    }

    @Test
    void a_provider_acts_only_for_its_own_active_merchants() {
        var provider = register(new Profile.ProviderProfile());
        var own = merchant(TrustLevel.BASIC, MerchantTrust.DeviceLookup.ENABLED, Optional.of(provider.id()));
        var direct = merchant(TrustLevel.BASIC, MerchantTrust.DeviceLookup.ENABLED, Optional.empty());

        assertThat(lookUp(provider, Optional.of(own.id()), LookUpCustomer.Kind.EMAIL, "ada@example.com"))
                .isInstanceOf(LookUpCustomer.Lookup.Found.class);
        assertThat(lookUp(provider, Optional.of(direct.id()), LookUpCustomer.Kind.EMAIL, "ada@example.com"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.MERCHANT_NOT_FOUND));
        assertThat(lookUp(provider, Optional.of(bank.id()), LookUpCustomer.Kind.EMAIL, "ada@example.com"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.MERCHANT_NOT_FOUND));
        peere.changeParticipant().suspend(Mode.SANDBOX, own.id(), TEST);
        assertThat(lookUp(provider, Optional.of(own.id()), LookUpCustomer.Kind.EMAIL, "ada@example.com"))
                .isEqualTo(new LookUpCustomer.Lookup.Rejected(LookUpCustomer.Rejection.MERCHANT_NOT_FOUND));
    }

    @Test
    void a_phrase_resolves_for_its_merchant_and_its_bank_and_nobody_else() {
        var merchant = merchant(TrustLevel.BASIC, MerchantTrust.DeviceLookup.ENABLED, Optional.empty());
        var other = merchant(TrustLevel.BASIC, MerchantTrust.DeviceLookup.ENABLED, Optional.empty());
        var otherBank = register(new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));
        var found = (LookUpCustomer.Lookup.Found)
                lookUp(merchant, Optional.empty(), LookUpCustomer.Kind.EMAIL, "ADA@example.com");
        String phrase = found.banks().getFirst().phrase();
        var resolve = peere.resolvePhrase();

        assertThat(resolve.forMerchant(Mode.SANDBOX, merchant.id(), phrase))
                .isEqualTo(new ResolvePhrase.Resolution.Resolved(peere.findBankCustomers()
                        .find(Mode.SANDBOX, bank.id(), ada.customerId())
                        .orElseThrow()));
        assertThat(resolve.forMerchant(Mode.SANDBOX, other.id(), phrase))
                .isEqualTo(new ResolvePhrase.Resolution.Refused(ResolvePhrase.Reason.NOT_YOURS));
        assertThat(resolve.forMerchant(Mode.LIVE, merchant.id(), phrase))
                .isEqualTo(new ResolvePhrase.Resolution.Refused(ResolvePhrase.Reason.NOT_YOURS));
        assertThat(resolve.forMerchant(Mode.SANDBOX, merchant.id(), phrase + "x"))
                .isEqualTo(new ResolvePhrase.Resolution.Refused(ResolvePhrase.Reason.UNKNOWN_PHRASE));
        assertThat(resolve.forBank(Mode.SANDBOX, bank.id(), phrase))
                .isInstanceOf(ResolvePhrase.Resolution.Resolved.class);
        assertThat(resolve.forBank(Mode.SANDBOX, bank.id(), ada.phrase()))
                .isInstanceOf(ResolvePhrase.Resolution.Resolved.class);
        assertThat(resolve.forBank(Mode.SANDBOX, otherBank.id(), phrase))
                .isEqualTo(new ResolvePhrase.Resolution.Refused(ResolvePhrase.Reason.NOT_YOURS));
        assertThat(resolve.forBank(Mode.SANDBOX, otherBank.id(), ada.phrase()))
                .isEqualTo(new ResolvePhrase.Resolution.Refused(ResolvePhrase.Reason.UNKNOWN_PHRASE));
    }

    @Test
    void a_change_to_another_bank_s_customer_is_not_found_and_a_bad_field_is_invalid() {
        var otherBank = register(new Profile.BankProfile(Profile.BankProfile.DEFAULT_TIME_ZONE));

        assertThat(peere.updateCustomer()
                        .update(new UpdateCustomer.Command(
                                Mode.SANDBOX,
                                otherBank.id(),
                                ada.customerId(),
                                CustomerDraft.of(Map.of("address", "x")),
                                TEST)))
                .isEqualTo(new UpdateCustomer.Update.Rejected(UpdateCustomer.Rejection.CUSTOMER_NOT_FOUND));
        assertThat(peere.updateCustomer()
                        .update(new UpdateCustomer.Command(
                                Mode.SANDBOX,
                                bank.id(),
                                ada.customerId(),
                                CustomerDraft.of(Map.of("email", "nope")),
                                TEST)))
                .isInstanceOf(UpdateCustomer.Update.Invalid.class);
    }
}
