package network.peere.app.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.core.ports.out.RandomSource;
import network.peere.persistence.memory.InMemoryStores;
import org.junit.jupiter.api.Test;

/**
 * The example docs/embedding.md walks through: Peere's core driven in-process, with no HTTP server and no framework —
 * just the core, a store adapter, a clock and randomness.
 */
class EmbeddingExampleTest {
    @Test
    void a_service_embeds_the_core_and_onboards_a_merchant() {
        Peere peere = Peere.create(config -> config.stores(new InMemoryStores())
                .clock(() -> Instant.parse("2026-11-23T09:00:00Z"))
                .random(RandomSource.of(new Random(42)))
                .phraseSealer(network.peere.app.testing.TestPhrases.sealer()));

        var registration = peere.registerParticipant()
                .register(new RegisterParticipant.Command(
                        Mode.SANDBOX,
                        "Corner Shop",
                        "owner@corner.test",
                        new Profile.MerchantProfile(
                                Optional.empty(), MerchantTrust.of(TrustLevel.BASIC), ContactDetails.none()),
                        Actor.system("onboarding")));
        var merchant = ((RegisterParticipant.Registration.Registered) registration).participant();

        var issued = (ManageApiKeys.Issue.Issued)
                peere.manageApiKeys().issue(Mode.SANDBOX, merchant.id(), "shop", Actor.system("onboarding"));
        var authenticated =
                peere.authenticateApiKey().authenticate(issued.secret().reveal());

        assertThat(authenticated).isInstanceOfSatisfying(AuthenticateApiKey.Authentication.Authenticated.class, a -> {
            assertThat(a.principal().participantId()).isEqualTo(merchant.id());
            assertThat(a.principal().role()).isEqualTo(Role.MERCHANT);
        });
        assertThat(peere.findParticipants()
                        .list(Mode.SANDBOX, ParticipantFilter.role(Role.MERCHANT), PageRequest.first())
                        .total())
                .isEqualTo(1);
        assertThat(peere.findParticipants()
                        .list(Mode.LIVE, ParticipantFilter.any(), PageRequest.first())
                        .total())
                .as("sandbox data never shows in live")
                .isZero();
    }
}
