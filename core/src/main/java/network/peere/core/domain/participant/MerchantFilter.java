package network.peere.core.domain.participant;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Which of a provider's merchants a list returns: by id and by trust. Empty means any. */
public record MerchantFilter(
        Set<ParticipantId> ids,
        Optional<MerchantTrust.Trusted> trusted,
        Optional<TrustLevel> level,
        Optional<MerchantTrust.DeviceLookup> deviceLookup) {

    /** As many ids as one page can hold; a longer list would only be cut. */
    public static final int IDS_MAX = 100;

    public MerchantFilter {
        ids = Set.copyOf(Objects.requireNonNull(ids, "ids"));
        Objects.requireNonNull(trusted, "trusted");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(deviceLookup, "deviceLookup");
        if (ids.size() > IDS_MAX) {
            throw new IllegalArgumentException("at most " + IDS_MAX + " ids");
        }
    }

    public static MerchantFilter any() {
        return new MerchantFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean matches(Participant participant) {
        if (!(participant.profile() instanceof Profile.MerchantProfile merchant)) {
            return false;
        }
        MerchantTrust trust = merchant.trust();
        return (ids.isEmpty() || ids.contains(participant.id()))
                && trusted.map(t -> t == trust.trusted()).orElse(true)
                && level.map(l -> l == trust.level()).orElse(true)
                && deviceLookup.map(d -> d == trust.deviceLookup()).orElse(true);
    }
}
