package network.peere.core.domain.participant;

import java.util.Objects;
import java.util.Optional;

/** Which participants a list returns; empty means any. */
public record ParticipantFilter(
        Optional<Role> role, Optional<ParticipantStatus> status, Optional<ParticipantId> providerId) {
    public ParticipantFilter {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerId, "providerId");
    }

    public static ParticipantFilter any() {
        return new ParticipantFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ParticipantFilter role(Role role) {
        return new ParticipantFilter(Optional.of(role), Optional.empty(), Optional.empty());
    }

    public boolean matches(Participant participant) {
        return role.map(r -> r == participant.role()).orElse(true)
                && status.map(s -> s == participant.status()).orElse(true)
                && providerId
                        .map(p -> participant.profile() instanceof Profile.MerchantProfile merchant
                                && merchant.providerId().equals(Optional.of(p)))
                        .orElse(true);
    }
}
