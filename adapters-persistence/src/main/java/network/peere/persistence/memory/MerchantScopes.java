package network.peere.persistence.memory;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;

/**
 * {@link MerchantScope}s resolved as the SQL stores resolve them: a provider's merchants are those whose provider the
 * participants name when the list is read.
 */
final class MerchantScopes {
    /** Participants by mode and id, as the participants table has them. */
    private final BiFunction<Mode, ParticipantId, Optional<Participant>> participants;

    MerchantScopes(BiFunction<Mode, ParticipantId, Optional<Participant>> participants) {
        this.participants = Objects.requireNonNull(participants, "participants");
    }

    /** Whether a row of {@code mode} with that merchant id is in {@code scope}. */
    Predicate<ParticipantId> includes(Mode mode, MerchantScope scope) {
        return switch (scope) {
            case MerchantScope.Merchant merchant -> merchant.id()::equals;
            case MerchantScope.ProviderMerchants provider ->
                merchantId -> participants
                        .apply(mode, merchantId)
                        .filter(p -> p.profile() instanceof Profile.MerchantProfile profile
                                && profile.belongsTo(provider.providerId()))
                        .isPresent();
        };
    }
}
