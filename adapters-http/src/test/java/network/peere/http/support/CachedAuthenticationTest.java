package network.peere.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ApiKeySecret;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.participant.AuthenticateApiKey;
import network.peere.core.ports.in.participant.AuthenticateApiKey.Authentication;
import org.junit.jupiter.api.Test;

class CachedAuthenticationTest {
    private static final String KEY = ApiKeySecret.issue(Mode.SANDBOX, new byte[ApiKeySecret.RANDOM_BYTES])
            .reveal();
    private static final Authentication OK = new Authentication.Authenticated(
            new Principal(new ParticipantId("prv_1"), Mode.SANDBOX, Role.PROVIDER, new ApiKeyId("key_1")),
            Participant.register(
                    new ParticipantId("prv_1"),
                    Mode.SANDBOX,
                    "Provider",
                    "ops@provider.example",
                    new Profile.ProviderProfile(),
                    Instant.EPOCH));
    private static final Authentication REVOKED = new Authentication.Rejected(AuthenticateApiKey.Rejection.REVOKED_KEY);

    private final AtomicReference<Authentication> truth = new AtomicReference<>(OK);
    private final List<String> asked = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final CachedAuthentication cached = new CachedAuthentication(
            presented -> {
                asked.add(presented);
                return truth.get();
            },
            nanos::get);

    @Test
    void a_success_is_remembered_for_the_ttl_only() {
        assertThat(cached.authenticate(KEY)).isEqualTo(OK);
        assertThat(cached.authenticate(KEY)).isEqualTo(OK);
        assertThat(asked).hasSize(1);

        truth.set(REVOKED);
        nanos.addAndGet(CachedAuthentication.TTL.toNanos());
        assertThat(cached.authenticate(KEY))
                .as("revoked elsewhere: seen within the TTL")
                .isEqualTo(REVOKED);
    }

    @Test
    void failures_are_never_remembered() {
        truth.set(REVOKED);
        cached.authenticate(KEY);
        cached.authenticate(KEY);
        assertThat(asked).hasSize(2);
        cached.authenticate("not-a-key");
        assertThat(asked).hasSize(3);
    }

    @Test
    void forgetting_makes_the_next_request_authenticate_afresh() {
        cached.authenticate(KEY);
        truth.set(REVOKED);
        cached.forgetAll();
        assertThat(cached.authenticate(KEY)).isEqualTo(REVOKED);
    }
}
