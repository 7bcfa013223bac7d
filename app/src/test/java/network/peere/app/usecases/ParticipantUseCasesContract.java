package network.peere.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.app.testing.StoreBackend;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.participant.AuthenticateApiKey.Authentication;
import network.peere.core.ports.in.participant.AuthenticateApiKey.Rejection;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.OnboardMerchants;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The participant and key use cases, through {@link Peere}, on every store implementation; a stepping clock makes
 * every timestamp distinct and known. The concurrency scenarios matter most on MariaDB.
 */
abstract class ParticipantUseCasesContract {
    private static final Actor TEST = Actor.system("use-case test");
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private final AtomicLong ticks = new AtomicLong();
    Peere peere;

    private final StoreBackend backend;
    private StoreBackend.Opened opened;

    ParticipantUseCasesContract(StoreBackend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createPeere() {
        opened = backend.open();
        peere = opened.peere(() -> START.plus(Duration.ofMillis(ticks.incrementAndGet())));
    }

    @AfterEach
    void release() throws Exception {
        opened.close();
    }

    private Participant register(Mode mode, Profile profile) {
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(mode, "Name", "someone@example.test", profile, TEST));
        assertThat(outcome).isInstanceOf(RegisterParticipant.Registration.Registered.class);
        return ((RegisterParticipant.Registration.Registered) outcome).participant();
    }

    private static Profile.MerchantProfile merchantOf(Optional<ParticipantId> provider) {
        return new Profile.MerchantProfile(provider, MerchantTrust.of(TrustLevel.BASIC), ContactDetails.none());
    }

    private ManageApiKeys.Issue.Issued issue(Participant owner) {
        return (ManageApiKeys.Issue.Issued) peere.manageApiKeys().issue(owner.mode(), owner.id(), "test", TEST);
    }

    @Test
    void rejects_merchant_of_unknown_provider() {
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(
                        Mode.SANDBOX,
                        "M",
                        "m@m.test",
                        merchantOf(Optional.of(new ParticipantId("prv_missing"))),
                        TEST));
        assertThat(outcome)
                .isEqualTo(new RegisterParticipant.Registration.Rejected(
                        RegisterParticipant.Rejection.PROVIDER_NOT_FOUND));
    }

    @Test
    void rejects_merchant_of_a_provider_in_the_other_mode() {
        Participant liveProvider = register(Mode.LIVE, new Profile.ProviderProfile());
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(
                        Mode.SANDBOX, "M", "m@m.test", merchantOf(Optional.of(liveProvider.id())), TEST));
        assertThat(outcome)
                .isEqualTo(new RegisterParticipant.Registration.Rejected(
                        RegisterParticipant.Rejection.PROVIDER_NOT_FOUND));
    }

    @Test
    void rejects_merchant_of_a_suspended_provider() {
        Participant provider = register(Mode.SANDBOX, new Profile.ProviderProfile());
        peere.changeParticipant().suspend(Mode.SANDBOX, provider.id(), TEST);
        var outcome = peere.registerParticipant()
                .register(new RegisterParticipant.Command(
                        Mode.SANDBOX, "M", "m@m.test", merchantOf(Optional.of(provider.id())), TEST));
        assertThat(outcome)
                .isEqualTo(new RegisterParticipant.Registration.Rejected(
                        RegisterParticipant.Rejection.PROVIDER_SUSPENDED));
    }

    @Test
    void change_rejections_in_precedence_order() {
        Participant provider = register(Mode.SANDBOX, new Profile.ProviderProfile());
        assertThat(peere.changeParticipant().suspend(Mode.LIVE, provider.id(), TEST))
                .isEqualTo(new ChangeParticipant.Change.Rejected(ChangeParticipant.Rejection.PARTICIPANT_NOT_FOUND));
        assertThat(peere.changeParticipant().setBankTimeZone(Mode.SANDBOX, provider.id(), ZoneId.of("UTC"), TEST))
                .isEqualTo(new ChangeParticipant.Change.Rejected(ChangeParticipant.Rejection.NOT_A_BANK));
        assertThat(peere.changeParticipant().reactivate(Mode.SANDBOX, provider.id(), TEST))
                .isEqualTo(new ChangeParticipant.Change.Rejected(ChangeParticipant.Rejection.ALREADY_IN_THAT_STATUS));
    }

    @Test
    void authentication_rejections_in_precedence_order() {
        Participant merchant = register(Mode.SANDBOX, merchantOf(Optional.empty()));
        var issued = issue(merchant);
        String key = issued.secret().reveal();

        assertThat(peere.authenticateApiKey().authenticate("sk_test_nope"))
                .isEqualTo(new Authentication.Rejected(Rejection.MALFORMED_KEY));
        assertThat(peere.authenticateApiKey().authenticate(key.replace("sk_test_", "sk_live_")))
                .as("a sandbox key's body under the live prefix is unknown in live")
                .isEqualTo(new Authentication.Rejected(Rejection.UNKNOWN_KEY));

        peere.changeParticipant().suspend(Mode.SANDBOX, merchant.id(), TEST);
        assertThat(peere.authenticateApiKey().authenticate(key))
                .isEqualTo(new Authentication.Rejected(Rejection.PARTICIPANT_SUSPENDED));

        peere.manageApiKeys().revoke(Mode.SANDBOX, merchant.id(), issued.key().id(), TEST);
        assertThat(peere.authenticateApiKey().authenticate(key))
                .as("revocation is checked before suspension")
                .isEqualTo(new Authentication.Rejected(Rejection.REVOKED_KEY));
    }

    @Test
    void a_key_is_only_revocable_by_its_owner_in_its_mode() {
        Participant owner = register(Mode.SANDBOX, merchantOf(Optional.empty()));
        Participant other = register(Mode.SANDBOX, merchantOf(Optional.empty()));
        ApiKeyId keyId = issue(owner).key().id();
        assertThat(peere.manageApiKeys().revoke(Mode.SANDBOX, other.id(), keyId, TEST))
                .isEqualTo(new ManageApiKeys.Revocation.Rejected(ManageApiKeys.RevocationRejection.KEY_NOT_FOUND));
        assertThat(peere.manageApiKeys().revoke(Mode.LIVE, owner.id(), keyId, TEST))
                .isEqualTo(new ManageApiKeys.Revocation.Rejected(ManageApiKeys.RevocationRejection.KEY_NOT_FOUND));
        assertThat(peere.manageApiKeys().revoke(Mode.SANDBOX, owner.id(), keyId, TEST))
                .isInstanceOf(ManageApiKeys.Revocation.Revoked.class);
    }

    @Test
    void concurrent_revocations_of_one_key_have_exactly_one_winner() throws Exception {
        Participant owner = register(Mode.SANDBOX, merchantOf(Optional.empty()));
        ApiKeyId keyId = issue(owner).key().id();
        List<ManageApiKeys.Revocation> outcomes =
                race(16, () -> peere.manageApiKeys().revoke(Mode.SANDBOX, owner.id(), keyId, TEST));
        assertThat(outcomes)
                .filteredOn(o -> o instanceof ManageApiKeys.Revocation.Revoked)
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof ManageApiKeys.Revocation.Rejected)
                .hasSize(15)
                .allMatch(o -> ((ManageApiKeys.Revocation.Rejected) o).reason()
                        == ManageApiKeys.RevocationRejection.ALREADY_REVOKED);
    }

    @Test
    void a_merchant_onboarded_by_its_provider_is_announced_as_created_like_a_registered_one() {
        Participant provider = register(Mode.SANDBOX, new Profile.ProviderProfile());
        Participant registered = register(Mode.SANDBOX, merchantOf(Optional.empty()));
        var onboarding = (OnboardMerchants.Onboarding.Processed) peere.onboardMerchants()
                .onboard(new OnboardMerchants.Command(
                        Mode.SANDBOX,
                        provider.id(),
                        List.of(new OnboardMerchants.NewMerchant(
                                "Shop",
                                "shop@example.test",
                                Optional.empty(),
                                ContactDetails.none(),
                                BusinessDetails.none())),
                        TEST));
        Participant onboarded =
                ((OnboardMerchants.Outcome.Created) onboarding.outcomes().get(0)).merchant();

        // Each has had exactly one event numbered for it (participant.created), so its next number is 2.
        for (Participant merchant : List.of(registered, onboarded)) {
            PeereStores stores = opened.stores();
            assertThat(stores.transactor()
                            .inTransaction(() -> stores.eventOutbox()
                                    .nextSequence(Mode.SANDBOX, merchant.id().value())))
                    .as(merchant.id().value())
                    .isEqualTo(2);
        }
    }

    @Test
    void concurrent_suspensions_change_the_participant_exactly_once() throws Exception {
        Participant bank = register(Mode.SANDBOX, new Profile.BankProfile(ZoneId.of("Africa/Lagos")));
        List<ChangeParticipant.Change> outcomes =
                race(16, () -> peere.changeParticipant().suspend(Mode.SANDBOX, bank.id(), TEST));
        assertThat(outcomes)
                .filteredOn(o -> o instanceof ChangeParticipant.Change.Changed)
                .hasSize(1);
        assertThat(peere.findParticipants()
                        .find(Mode.SANDBOX, bank.id())
                        .orElseThrow()
                        .version())
                .isEqualTo(2);
    }

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
